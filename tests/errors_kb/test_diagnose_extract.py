"""Extraction: what each form of pasted text carries (no database, no rules)."""

import pytest
from django.utils import translation

from errors_kb.diagnosis.extract import extract_text
from errors_kb.diagnosis.keys import key_hints
from troubleshooter.lib.redact import mask_secrets

V1_REPR = (
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization "
    "org-abc on tokens per min (TPM): Limit 30000, Used 27504, Requested 3276. Please try again in 1.56s.', "
    "'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}"
)

CHAINED = """Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/httpx/_transports/default.py", line 69, in map_httpcore_exceptions
    yield
httpcore.ProxyError: [Errno 111] Connection refused

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/openai/_base_client.py", line 982, in request
    response = self._client.send(
               ^^^^^^^^^^^^^^^^^^
httpx.ProxyError: [Errno 111] Connection refused

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/app/main.py", line 8, in <module>
    client.chat.completions.create(model="gpt-4o", messages=[])
openai.APIConnectionError: Connection error.
"""


def test_it_reads_a_v1_python_repr_body():
    extracted = extract_text(V1_REPR)
    assert extracted.as_dict() == {
        "status": 429,
        "type": "tokens",
        "code": "rate_limit_exceeded",
        "param": None,
        "message": extracted.message,
        "exception": "openai.RateLimitError",
        "sdk": "v1",
        "request_id": None,
    }
    assert extracted.message.startswith("Rate limit reached for gpt-4o")


def test_it_reads_the_rate_limit_figures():
    figures = extract_text(V1_REPR).rate_limit
    assert figures["limit"] == 30000 and figures["used"] == 27504 and figures["requested"] == 3276
    assert figures["per"] == "TPM" and figures["retry_after"] == "1.56s"
    assert figures["request_too_large"] is False


def test_it_flags_a_request_larger_than_the_whole_limit():
    text = (
        "Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, "
        "Requested 30601. The input or output tokens must be reduced in order to run successfully."
    )
    assert extract_text(text).rate_limit["request_too_large"] is True


def test_it_reads_the_newer_message_only_form():
    extracted = extract_text("openai.NotFoundError: Error code: 404 - The model `gpt-9` does not exist.")
    assert extracted.status == 404
    assert extracted.message == "The model `gpt-9` does not exist."
    assert extracted.sdk == "v1"
    assert extracted.code is None


def test_it_reads_the_v0_exception_without_a_status():
    extracted = extract_text("openai.error.InvalidRequestError: This model's maximum context length is 4097 tokens.")
    assert extracted.exception == "openai.error.InvalidRequestError"
    assert extracted.sdk == "v0"
    assert extracted.status is None
    assert extracted.message.startswith("This model's maximum context length")


def test_it_reads_the_v0_log_line():
    text = (
        "INFO:openai:error_code=None error_message='That model is currently overloaded with other requests. "
        "(Please include the request ID 3c7aac3c08c96827d2c150b0cd44dece in your message.)' error_param=None "
        "error_type=server_error message='OpenAI API error received' stream_error=False"
    )
    extracted = extract_text(text)
    assert extracted.type == "server_error"
    assert extracted.message.startswith("That model is currently overloaded")
    assert extracted.request_id == "3c7aac3c08c96827d2c150b0cd44dece"
    assert extracted.sdk == "v0"


def test_it_reads_a_pretty_printed_json_body_after_a_status_line():
    text = (
        'Error: 429 Too Many Requests {\n  "error": {\n    "message": "You exceeded your current quota.",\n'
        '    "type": "insufficient_quota",\n    "param": null,\n    "code": "insufficient_quota"\n  }\n}'
    )
    extracted = extract_text(text)
    assert (extracted.status, extracted.code, extracted.type) == (429, "insufficient_quota", "insufficient_quota")


def test_it_reads_json_hard_wrapped_mid_token_by_a_terminal():
    text = (
        '  ⎿  API Error: 400 {"error":{"message":"The response was filtered due to the prompt. Please \n'
        '     modify your prompt","type":null,"param":"prompt","code":"content_fil\n'
        '     ter","status":400}}'
    )
    extracted = extract_text(text)
    assert extracted.code == "content_filter"
    assert extracted.param == "prompt"
    assert extracted.status == 400


def test_it_falls_back_to_field_regexes_when_the_body_is_cut_off():
    text = "... on tokens per min (TPM): Limit 30000. 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}"
    extracted = extract_text(text)
    assert extracted.code == "rate_limit_exceeded" and extracted.type == "tokens"


def test_it_reads_a_js_object_body():
    text = (
        "data: {\n  error: {\n    code: 524,\n    message: 'Gateway timeout.',\n    type: 'cf_gateway_timeout'\n  }\n}"
    )
    extracted = extract_text(text)
    assert extracted.type == "cf_gateway_timeout"
    assert extracted.message == "Gateway timeout."
    assert extracted.status == 524


def test_it_reads_a_bare_string_error_body():
    extracted = extract_text('Failed to send message. HTTP 429 - {"error": "slow down"}')
    assert extracted.message == "slow down"
    assert extracted.status == 429


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ('HTTP Request: POST https://api.openai.com/v1/chat/completions "HTTP/1.1 429 Too Many Requests"', 429),
        ("requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://x/v1/chat", 403),
        ("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", 502),
        ("aiohttp.client_exceptions.ClientResponseError: 422, message='Unprocessable Entity'", 422),
        ("Error: Request failed with status code 429", 429),
        ("Authentication failed (401): Invalid bearer token", 401),
        ("429 You exceeded your current quota", 429),
        ("Rate limit reached. Limit: 500 / min.", None),
    ],
)
def test_it_finds_the_http_status_in_common_forms(text, status):
    assert extract_text(text).status == status


def test_it_reads_the_chained_cause_of_a_connection_error():
    extracted = extract_text(CHAINED)
    assert extracted.exception == "openai.APIConnectionError"
    assert "httpx.ProxyError" in extracted.exceptions and "httpcore.ProxyError" in extracted.exceptions
    assert "Connection error." in extracted.messages
    assert "[Errno 111] Connection refused" in extracted.messages


def test_it_leaves_traceback_code_lines_out_of_the_text_rules_read():
    extracted = extract_text(CHAINED)
    assert "client.chat.completions.create" not in extracted.rule_text
    assert "The above exception was the direct cause" in extracted.rule_text


def test_it_reads_the_message_of_an_exception_on_the_next_paragraph():
    text = "openai.lib._old_api.APIRemovedInV1:\n\nYou tried to access openai.ChatCompletion, but this is no longer supported"
    extracted = extract_text(text)
    assert extracted.exception == "openai.lib._old_api.APIRemovedInV1"
    assert extracted.message.startswith("You tried to access openai.ChatCompletion")


def test_it_reads_a_relay_go_struct_log():
    text = (
        "preConsumeQuota failed: {Error:{Message:user quota is not enough Type:one_api_error Param: "
        "Code:insufficient_user_quota} StatusCode:403}"
    )
    extracted = extract_text(text)
    assert extracted.status == 403
    assert extracted.message == "user quota is not enough"


def test_it_reads_the_masked_key():
    text = (
        "openai.error.AuthenticationError: Incorrect API key provided: your-ope*******-key. You can find your API key"
    )
    assert extract_text(text).masked_key == "your-ope*******-key"


def test_it_survives_a_huge_and_hostile_text():
    text = "{" * 20000 + "'error': " + "[" * 5000 + "\n" + "a" * 70000
    extracted = extract_text(text)
    assert extracted.status is None


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("your-ope*******-key", "placeholder"),
        ("sk-xxxxxxxxxxxxxxxx", "placeholder"),
        ("<your key>", "placeholder"),
        ("{sk-To3E*****************************************wdv}", "quotes, braces"),
        ('"sk-abcd****************************************wxyz"', "quotes, braces"),
        ("https://api.******.com/v1", "URL"),
        ("sk-or-v1-**********************************************************abcd", "OpenRouter"),
        ("1b732869********************bff7", "Azure"),
        ("sk-abcd******wxyz", "cut off"),
    ],
)
def test_it_explains_what_the_masked_key_shows(key, fragment):
    with translation.override("en"):
        hints = key_hints(key)
    assert hints and fragment in hints[0] + " ".join(hints)


def test_it_gives_no_hint_for_a_normal_looking_openai_key():
    assert key_hints("sk-qtKGh***************************************xymX") == []


def test_it_never_echoes_an_unmasked_key():
    secret = "sk-proj-" + "A1b2C3d4" * 6
    masked = mask_secrets(f"header Authorization: Bearer {secret} and key={secret}")
    assert secret not in masked
    assert "sk-proj-…C3d4" in masked


def test_the_key_hint_shows_the_key_only_masked():
    hints = key_hints("sk-or-v1-0123456789abcdef0123456789abcdef")
    assert "0123456789abcdef" not in " ".join(hints)
    assert "sk-…cdef" in " ".join(hints)
