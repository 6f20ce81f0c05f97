"""What the simulated OpenAI API answers, condition by condition: status, body and headers.

Plain data and the standard library only: ``scripts/capture_openai_texts.py`` loads this
file by path inside a throwaway virtualenv that has nothing but the ``openai`` library.
The server that speaks these answers is ``simulator.py``.
"""

import math

SIMULATED_KEY_PREFIX = "sk-sim-"
DEFAULT_HANG_SECONDS = 30.0
DEFAULT_MODEL = "gpt-4o-mini"
RETRY_AFTER_SECONDS = 1.2
# Healthy answers carry x-ratelimit-* headers counting each key's requests in the current minute.
RATE_LIMIT_REQUESTS = 500
RATE_LIMIT_TOKENS = 30000
TOKENS_PER_REQUEST = 15

# How a condition answers when it is not an ordinary HTTP response.
HANG = "hang"  # accept the request, answer nothing until the client gives up
DROP = "drop"  # close the connection without a status line

_API_KEYS_URL = "https://platform.openai.com/account/api-keys"
_ERROR_CODES_DOCS = "https://platform.openai.com/docs/guides/error-codes/api-errors"

_PROXY_HTML = """<html>
<head><title>{status_line}</title></head>
<body>
<center><h1>{status_line}</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
"""


def _error(message, *, type, code=None, param=None):  # noqa: A002 - the API's own field name
    return {"message": message, "type": type, "param": param, "code": code}


# One dict per condition. Keys:
#   status   HTTP status code
#   error    the object under "error" in the JSON body; its message may hold
#            {model}, {masked_key}, {method}, {path} and {request_id}
#   extra    more members of the error object (Azure adds "status", "innererror")
#   html     a text/html body instead of JSON (what a proxy or CDN sends)
#   headers  extra response headers
#   behaviour HANG or DROP instead of a response
CONDITIONS: dict[str, dict] = {
    "401-invalid-authentication": {
        "status": 401,
        "error": _error(
            "Your authentication token is not from a valid issuer.",
            type="invalid_request_error",
            code="invalid_issuer",
        ),
    },
    "401-incorrect-api-key": {
        "status": 401,
        "error": _error(
            "Incorrect API key provided: {masked_key}. You can find your API key at " + _API_KEYS_URL + ".",
            type="invalid_request_error",
            code="invalid_api_key",
        ),
    },
    # api.openai.com itself answers revoked keys with invalid_api_key; these two codes come from
    # OpenAI-compatible gateways, in our own words.
    "401-expired-api-key": {
        "status": 401,
        "error": _error(
            "The API key provided has expired: {masked_key}. Create a new key at " + _API_KEYS_URL + ".",
            type="invalid_request_error",
            code="expired_api_key",
        ),
    },
    "401-revoked-api-key": {
        "status": 401,
        "error": _error(
            "The API key provided has been revoked: {masked_key}. Create a new key at " + _API_KEYS_URL + ".",
            type="invalid_request_error",
            code="revoked_api_key",
        ),
    },
    "401-not-in-organization": {
        "status": 401,
        "error": _error(
            "You must be a member of an organization to use the API. "
            "Please contact us through our help center at help.openai.com.",
            type="invalid_request_error",
            code="no_organization",
        ),
    },
    "organization-header-mismatch": {
        "status": 401,
        "error": _error(
            "OpenAI-Organization header should match organization for API key",
            type="invalid_request_error",
            code="mismatched_organization",
        ),
    },
    "403-unsupported-region": {
        "status": 403,
        "error": _error(
            "Country, region, or territory not supported",
            type="request_forbidden",
            code="unsupported_country_region_territory",
        ),
    },
    "403-permission-denied": {
        "status": 403,
        "error": _error(
            "Project `proj_sim0000000000000000000000` does not have access to model `{model}`",
            type="invalid_request_error",
            code="model_not_found",
        ),
    },
    "organization-unverified": {
        "status": 400,
        "error": _error(
            "Your organization must be verified to stream this model. Please go to: "
            "https://platform.openai.com/settings/organization/general and click on Verify Organization. "
            "If you just verified, it can take up to 15 minutes for access to propagate.",
            type="invalid_request_error",
            code="unsupported_value",
            param="stream",
        ),
    },
    "400-bad-request": {
        "status": 400,
        "error": _error(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
            "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not "
            "valid JSON. If you have trouble figuring out how to fix this, please contact us through our "
            "help center at help.openai.com.)",
            type="invalid_request_error",
        ),
    },
    # The API's own code is missing_required_parameter; gateways say missing_required_field.
    "400-missing-required-field": {
        "status": 400,
        "error": _error(
            "Missing required parameter: 'messages'.",
            type="invalid_request_error",
            code="missing_required_parameter",
            param="messages",
        ),
    },
    "400-invalid-value": {
        "status": 400,
        "error": _error(
            "Invalid value: 'admin'. Supported values are: 'system', 'assistant', 'user', 'function', "
            "'tool', and 'developer'.",
            type="invalid_request_error",
            code="invalid_value",
            param="messages[0].role",
        ),
    },
    "400-model-not-supported": {
        "status": 400,
        "error": _error(
            "The requested model is not supported.",
            type="invalid_request_error",
            code="model_not_supported",
            param="model",
        ),
    },
    "400-context-length-exceeded": {
        "status": 400,
        "error": _error(
            "This model's maximum context length is 128000 tokens. However, your messages resulted in "
            "131072 tokens. Please reduce the length of the messages.",
            type="invalid_request_error",
            code="context_length_exceeded",
            param="messages",
        ),
    },
    "content-filtered": {
        "status": 400,
        "error": _error(
            "The response was filtered due to the prompt triggering Azure OpenAI's content management "
            "policy. Please modify your prompt and retry. To learn more about our content filtering "
            "policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
            type=None,
            code="content_filter",
            param="prompt",
        ),
        "extra": {
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {
                    "hate": {"filtered": False, "severity": "safe"},
                    "jailbreak": {"filtered": True, "detected": True},
                    "self_harm": {"filtered": False, "severity": "safe"},
                    "sexual": {"filtered": False, "severity": "safe"},
                    "violence": {"filtered": False, "severity": "safe"},
                },
            },
        },
    },
    "404-model-not-found": {
        "status": 404,
        "error": _error(
            "The model `{model}` does not exist or you do not have access to it.",
            type="invalid_request_error",
            code="model_not_found",
        ),
    },
    "404-not-found": {
        "status": 404,
        "error": _error("Invalid URL ({method} {path})", type="invalid_request_error"),
    },
    "409-conflict": {
        "status": 409,
        "error": _error(
            "Another request changed this resource while yours was in progress. Fetch it again and retry.",
            type="invalid_request_error",
            code="conflict",
        ),
    },
    "422-unprocessable-entity": {
        "status": 422,
        "error": _error(
            "The request was well-formed but could not be processed: 'input' must be a string or an array of strings.",
            type="invalid_request_error",
            code="unprocessable_entity",
            param="input",
        ),
    },
    "429-rate-limit": {
        "status": 429,
        "error": _error(
            "Rate limit reached for {model} in organization org-sim000000000000000000000 on tokens per min "
            "(TPM): Limit 30000, Used 29400, Requested 1750. Please try again in "
            f"{RETRY_AFTER_SECONDS}s. Visit https://platform.openai.com/account/rate-limits to learn more.",
            type="tokens",
            code="rate_limit_exceeded",
        ),
        "headers": {
            "retry-after": str(math.ceil(RETRY_AFTER_SECONDS)),
            "x-ratelimit-limit-requests": "500",
            "x-ratelimit-limit-tokens": "30000",
            "x-ratelimit-remaining-requests": "499",
            "x-ratelimit-remaining-tokens": "600",
            "x-ratelimit-reset-requests": "120ms",
            "x-ratelimit-reset-tokens": f"{RETRY_AFTER_SECONDS}s",
        },
    },
    "429-quota-exceeded": {
        "status": 429,
        "error": _error(
            "You exceeded your current quota, please check your plan and billing details. "
            "For more information on this error, read the docs: " + _ERROR_CODES_DOCS + ".",
            type="insufficient_quota",
            code="insufficient_quota",
        ),
    },
    "429-concurrent-limit": {
        "status": 429,
        "error": _error(
            "Too many concurrent requests for {model}. Wait for a request in flight to finish, then retry.",
            type="requests",
            code="concurrent_limit_exceeded",
        ),
        "headers": {"retry-after": "1"},
    },
    "500-server-error": {
        "status": 500,
        "error": _error(
            "The server had an error while processing your request. Sorry about that! You can retry your "
            "request, or contact us through our help center at help.openai.com if the error persists. "
            "(Please include the request ID {request_id} in your message.)",
            type="server_error",
        ),
    },
    "502-bad-gateway": {"status": 502, "html": _PROXY_HTML.format(status_line="502 Bad Gateway")},
    "503-engine-overloaded": {
        "status": 503,
        "error": _error(
            "That model is currently overloaded with other requests. You can retry your request, or contact "
            "us through our help center at help.openai.com if the error persists. "
            "(Please include the request ID {request_id} in your message.)",
            type="server_error",
        ),
    },
    # The docs list "503 - Slow Down" without a body; the one body seen in the wild is a bare
    # 429 {"error": "slow down"}. This row follows the docs.
    "503-slow-down": {
        "status": 503,
        "error": _error(
            "Slow Down: your request rate rose too quickly. Return to your previous rate, hold it for "
            "15 minutes, then increase gradually.",
            type="server_error",
            code="slow_down",
        ),
        "headers": {"retry-after": "1"},
    },
    "503-service-unavailable": {
        "status": 503,
        "error": _error(
            "The service is temporarily unavailable. Please try again later.",
            type="server_error",
            code="service_unavailable",
        ),
    },
    "504-gateway-timeout": {"status": 504, "html": _PROXY_HTML.format(status_line="504 Gateway Time-out")},
    "timeout": {"behaviour": HANG},
    "connection-error": {"behaviour": DROP},
}

MISSING_KEY = {
    "status": 401,
    "error": _error(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using "
        "Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) "
        "if you're accessing the API from your browser and are prompted for a username and password. "
        "You can obtain an API key from " + _API_KEYS_URL + ".",
        type="invalid_request_error",
    ),
}

INVALID_JSON = CONDITIONS["400-bad-request"]
UNKNOWN_PATH = CONDITIONS["404-not-found"]

SIMULATED_MODELS = ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "text-embedding-3-small")
