# Retry OpenAI calls with exponential backoff and full jitter, honouring Retry-After.
# For the openai library 1.x, 2.x and 3.x (`import openai; openai.OpenAI`).
#
# The library already retries by itself: connection errors, timeouts, 408, 409, 429 and
# every 5xx, twice by default (max_retries=2), waiting 0.5 s doubling up to 8 s, or what
# Retry-After asks when it is at most 60 s (120 s from 2.52). Use this instead of it:
# create the client with max_retries=0, or each of your attempts is up to three requests.
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


def should_retry(error):
    if getattr(error, "code", None) in NEVER_RETRY_CODES:
        return False
    if isinstance(error, openai.APIConnectionError):  # includes APITimeoutError
        return True
    status = getattr(error, "status_code", None) or 0
    return status in (408, 409, 429) or status >= 500


def retry_after_seconds(error):
    """What the API asked us to wait (retry-after-ms or retry-after in seconds), or 0."""
    response = getattr(error, "response", None)
    headers = response.headers if response is not None else {}
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
        except openai.OpenAIError as error:
            if attempt == max_attempts or not should_retry(error):
                raise
            backoff = random.uniform(0, min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2**attempt))
            sleep(max(backoff, retry_after_seconds(error)))
            attempt += 1


# Usage:
#   client = openai.OpenAI(max_retries=0)
#   reply = call_with_retry(
#       lambda: client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])
#   )
