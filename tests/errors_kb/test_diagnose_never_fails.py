"""Whatever is pasted, the diagnoser answers: no exception, no 5xx.

Texts are built from the pieces real pastes are made of (error fragments, JSON bodies, Python
reprs, HTML, numbers with separators, escapes) mixed with the awkward ones (\\r\\n, NUL, lone
surrogates, long lines), up to the 64 KB the form accepts. Speed is measured in
bench/diagnose.py, which times the awkward 64 KB pastes; tests hold no timed assertions.
"""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors_kb.diagnose import diagnose_text, extracted_rows
from errors_kb.diagnosis.text_input import MAX_TEXT_BYTES

pytestmark = pytest.mark.django_db

FRAGMENTS = [
    "Rate limit, 429",
    "Limit: , Used: ,",
    "Requested ,,,",
    "try again in s",
    "Limit: 20,000, Used: 19,500, Requested: 1,200.",
    "exceeded the rate limit for your organization of 20,000 input tokens per minute",
    "code: ²",
    "code: ٤٢٩",
    "status: 429",
    "Error code: 500 - ",
    "HTTP/1.1 503 Service Unavailable",
    "openai.RateLimitError: ",
    "openai.error.APIError: ",
    "httpx.ConnectError: [Errno 111] Connection refused",
    "request_id: sk-proj-abcdefghijklmnopqrstuvwxyz012345",
    "x-request-id: sk-abcdefghijklmnopqrstuvwxyz0123",
    "Incorrect API key provided: sk-abc***xyz.",
    '{"error": ',
    "\\\"\\'",
    "{'error': {'message': None, 'code': None}}",
    '{"type":"error","sequence_number":3,"error":{"code":"server_is_overloaded"}}',
    '{"type": "\\ud800"}',
    "{'type': '\\udfff'}",
    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    'Traceback (most recent call last):\n  File "/a.py", line 1, in <module>\n    x()\n',
    "During handling of the above exception, another exception occurred:",
    "message: ",
    "您的账户额度不足",
    "요청 한도를 초과했습니다",
    "\r\n",
    "\x00",
    "\\u0000",
    "}}}}",
    "{{{{",
    "''''",
    "1,234,567.89",
]

fragment = st.sampled_from(FRAGMENTS)
json_body = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["error", "message", "code", "type", "param", "status"]) | st.text(max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)
body_text = json_body.map(lambda value: json.dumps({"error": value})) | json_body.map(
    lambda value: repr({"error": value})
)
piece = fragment | body_text | st.text(max_size=60) | st.integers(0, 10**7).map(lambda n: f"{n:,}")
long_line = st.tuples(fragment, st.integers(1, 4000)).map(lambda pair: pair[0] * pair[1])
paste = st.lists(piece | long_line, max_size=40).map("".join)


def bounded(text):
    return text.encode("utf-8", "surrogatepass")[:MAX_TEXT_BYTES].decode("utf-8", "ignore")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=paste.map(bounded))
def test_diagnosing_any_text_never_raises_and_answers_encodable_json(diagnose_rules, text):
    diagnosis = diagnose_text(text)
    json.dumps(diagnosis.as_dict(), ensure_ascii=False).encode("utf-8")
    for _label, value in extracted_rows(diagnosis):
        str(value).encode("utf-8")


NAMED_CRASHES = {
    "rate limit then a comma": "Rate limit, 429",
    "a gateway's rate limit sentence": "Error: exceeded the rate limit for your organization of 20,000 input tokens per minute. Limit: , Used: , Requested ,,, try again in s",
    "a unicode digit as the code": "code: ²",
    "an escaped lone surrogate": '{"type": "\\ud800", "message": "x"}',
    "a lone surrogate in a repr": "openai.BadRequestError: Error code: 400 - {'error': {'type': '\\ud800', 'message': 'x'}}",
    "a long unquoted message line": "message: " + "a" * 1500 + "\ncode: x",
    "escaped quotes after a body opening": '{"error": ' + "\\\"\\'" * 16000,
}
KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"


@pytest.mark.parametrize("text", NAMED_CRASHES.values(), ids=NAMED_CRASHES.keys())
def test_the_page_the_partial_and_the_api_answer_the_texts_that_crashed(client, diagnose_rules, text):
    api = client.post("/api/diagnose", {"text": text}, content_type="application/json")
    page = client.post("/en/diagnose/", {"text": text})
    partial = client.post("/en/diagnose/", {"text": text}, headers={"HX-Request": "true"})
    assert api.status_code < 500 and page.status_code < 500 and partial.status_code < 500
    assert api.status_code == 200


@pytest.mark.parametrize(
    "text",
    [
        f"openai.APIError: Error code: 500 - request_id: {KEY}",
        f"HTTP/1.1 429 Too Many Requests\nx-request-id: {KEY}",
        f'Error code: 400 - {{"error": {{"message": "bad", "type": "{KEY}", "code": "{KEY}", "param": "{KEY}"}}}}',
    ],
)
def test_a_key_where_an_id_code_or_type_is_read_comes_back_masked(client, diagnose_rules, text):
    api = client.post("/api/diagnose", {"text": text}, content_type="application/json")
    page = client.post("/en/diagnose/", {"text": text})
    assert api.status_code == 200 and page.status_code == 200
    assert KEY not in api.content.decode() and KEY[:20] not in api.content.decode()
    shown = re.sub(r"<textarea.*?</textarea>", "", page.content.decode(), flags=re.S)  # the paste itself stays
    assert KEY[:20] not in shown
