"""Generated secrets of every known shape and the places they turn up, for the redaction tests."""

import json

from hypothesis import strategies as st

KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
PREFIXES = ("sk-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-or-v1-", "sk-ant-api03-", "AIza", "sess-", "gsk_")
LEAK_WINDOW = 12  # no run this long of a secret may survive


@st.composite
def api_keys(draw):
    """A key as a provider would issue it: a known prefix and a random body, or Azure's 32 hex."""
    if draw(st.booleans()) and draw(st.booleans()):
        return draw(st.text(alphabet="0123456789abcdef", min_size=32, max_size=32))
    body = draw(st.text(alphabet=KEY_ALPHABET + "_-", min_size=20, max_size=120))
    return draw(st.sampled_from(PREFIXES)) + body


def wrapped(key, at):
    """The key broken across two lines, as a terminal or a mail client does."""
    at = max(len(key) // 2, min(at, len(key) - 4))
    return key[:at] + "\n" + key[at:]


CONTEXTS = (
    lambda key: f"Incorrect API key provided: {key}. You can find your API key at https://example.com.",
    lambda key: f"Authorization: Bearer {key}",
    lambda key: f'curl -H "Authorization: Bearer {key}" -H "OpenAI-Organization: org-AbC123"',
    lambda key: f"api-key: {key}",
    lambda key: f"x-api-key: {key}\r\nContent-Type: application/json",
    lambda key: json.dumps({"model": "gpt-4o", "api_key": key, "max_tokens": 10}),
    lambda key: json.dumps({"headers": {"Authorization": f"Bearer {key}"}}, ensure_ascii=False),
    lambda key: repr({"api_key": key, "project": "proj_AbC123"}),
    lambda key: f"OPENAI_API_KEY={key}",
    lambda key: f'client = OpenAI(api_key="{key}")',
    lambda key: f"https://api.example.com/v1/models?key={key}&alt=json",
    lambda key: f"https://api.example.com/v1/models?token={key}",
    lambda key: f'  File "app.py", line 3, in <module>\n    openai.api_key = "{key}"\nopenai.AuthenticationError: 401',
    lambda key: f"请求失败：{key}（密钥无效）",
    lambda key: f"키 «{key}» 가 잘못되었습니다",
    lambda key: f"'{key}'",
    lambda key: key,
    lambda key: json.dumps({"text": f"line one\n{key}"}),
)

surroundings = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
).map(lambda text: text + " ")


def leaked_parts(secret, text, *, noise=""):
    """The runs of LEAK_WINDOW characters of the secret found in the text (and not in the noise around it)."""
    body = secret.replace("\n", "")
    prefix = next((p for p in sorted(PREFIXES, key=len, reverse=True) if body.startswith(p)), "")
    body = body[len(prefix) :]  # the prefix is shown on purpose: it says which provider's key it was
    runs = {body[i : i + LEAK_WINDOW] for i in range(len(body) - LEAK_WINDOW + 1)}
    return sorted(run for run in runs if run in text and run not in noise)
