# Retry OpenAI calls with exponential backoff and full jitter, honouring Retry-After.
# For the openai library before 1.0 (0.x: `openai.ChatCompletion.create`, `openai.error.*`).
#
# The library does not retry API errors by itself: a 429 or a 5xx raises at once. It only
# retries a failed connection twice, and only for https:// base URLs (requests' adapter).
#
# Never retried, because waiting cannot fix them: insufficient_quota (a 429 too: add
# credits or raise the budget), 401 authentication, 403 permission or unsupported region,
# and 400/404/422 bad requests (fix the request).
import random
import time

import openai

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 0.5
MAX_DELAY_SECONDS = 60.0
NEVER_RETRY_CODES = {"insufficient_quota", "invalid_api_key", "unsupported_country_region_territory"}


def error_code(error):
    """The error body's code; 0.x sets ``error.code`` only on some error classes."""
    body = getattr(error, "json_body", None)
    details = body.get("error") if isinstance(body, dict) else None
    return getattr(error, "code", None) or (details.get("code") if isinstance(details, dict) else None)


def should_retry(error):
    if error_code(error) in NEVER_RETRY_CODES:
        return False
    if isinstance(error, (openai.error.Timeout, openai.error.APIConnectionError)):
        return True
    status = getattr(error, "http_status", None) or 0
    return status in (408, 409, 429) or status >= 500


def retry_after_seconds(error):
    """What the API asked us to wait (retry-after-ms or retry-after in seconds), or 0."""
    headers = getattr(error, "headers", None) or {}
    try:
        if headers.get("retry-after-ms"):
            return float(headers["retry-after-ms"]) / 1000
        return float(headers.get("retry-after") or 0)
    except ValueError:  # an HTTP date: fall back to our own backoff
        return 0.0


def call_with_retry(make_call, *, max_attempts=MAX_ATTEMPTS, sleep=time.sleep):
    attempt = 1
    while True:
        try:
            return make_call()
        except openai.error.OpenAIError as error:
            if attempt == max_attempts or not should_retry(error):
                raise
            backoff = random.uniform(0, min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2**attempt))
            sleep(max(backoff, retry_after_seconds(error)))
            attempt += 1


# Usage:
#   reply = call_with_retry(
#       lambda: openai.ChatCompletion.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
#   )
