"""/<lang>/diagnose/: full page, htmx partial, no-JS post, bad input kept in the textarea."""

import pytest

from errors_kb.models import Entry, Step

pytestmark = pytest.mark.django_db
QUOTA = "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'code': 'insufficient_quota'}}"


@pytest.fixture
def quota_entry(diagnose_rules, django_capture_on_commit_callbacks):
    entry = Entry.objects.get(slug="429-quota-exceeded")
    entry.title_en = "Quota exceeded"
    entry.title_ko = "할당량 초과"
    with django_capture_on_commit_callbacks(execute=True):  # the rules (and their titles) follow the commit
        entry.save()
    Step.objects.create(entry=entry, position=2, text_en="Raise the monthly budget.", text_ko="월 예산을 올립니다.")
    Step.objects.create(
        entry=entry,
        position=1,
        text_en="Add credits on the billing page.",
        text_ko="결제 페이지에서 크레딧을 추가합니다.",
    )
    return entry


def test_it_shows_the_paste_form(client):
    response = client.get("/en/diagnose/")
    assert response.status_code == 200
    assert b'name="text"' in response.content
    assert b'hx-post="/en/diagnose/"' in response.content


def test_a_plain_post_renders_the_whole_page_with_the_result(client, quota_entry):
    response = client.post("/en/diagnose/", {"text": QUOTA})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" in page and 'id="diagnosis"' in page
    assert '<a href="/en/errors/429-quota-exceeded/">Quota exceeded</a>' in page
    assert "code insufficient_quota" in page
    assert page.index("Add credits on the billing page.") < page.index("Raise the monthly budget.")
    assert "insufficient_quota</code>" in page  # the extracted table


def test_an_htmx_post_renders_only_the_partial(client, quota_entry):
    response = client.post("/en/diagnose/", {"text": QUOTA}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert page.lstrip().startswith('<section id="diagnosis"')
    assert "Quota exceeded" in page


def test_it_shows_the_steps_in_the_page_language(client, quota_entry):
    page = client.post("/ko/diagnose/", {"text": QUOTA}).content.decode()
    assert "결제 페이지에서 크레딧을 추가합니다." in page
    assert "할당량 초과" in page
    assert "/ko/errors/429-quota-exceeded/" in page


def test_it_shows_the_candidates_and_what_tells_them_apart_when_ambiguous(client, diagnose_rules):
    page = client.post("/en/diagnose/", {"text": "Error: Request failed with status code 429"}).content.decode()
    assert "/en/errors/429-quota-exceeded/" in page and "/en/errors/429-rate-limit/" in page
    assert "insufficient_quota → 429 · Quota exceeded" in page


def test_it_shows_key_hints(client, diagnose_rules):
    text = (
        "openai.error.AuthenticationError: Incorrect API key provided: your-ope*******-key. You can find your API key"
    )
    page = client.post("/en/diagnose/", {"text": text}).content.decode()
    assert "placeholder" in page


def test_an_empty_paste_gets_a_400_with_the_message(client):
    response = client.post("/en/diagnose/", {"text": ""})
    assert response.status_code == 400
    assert "Paste an error message" in response.content.decode()


def test_a_too_long_paste_gets_a_413_and_keeps_the_text(client):
    text = "Traceback line\n" * 5000
    response = client.post("/en/diagnose/", {"text": text})
    assert response.status_code == 413
    assert "64 KB" in response.content.decode()
    assert response.content.decode().count("Traceback line") >= 5000


def test_binary_gets_a_400_and_the_text_stays(client):
    response = client.post("/en/diagnose/", {"text": "abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0fdef"})
    assert response.status_code == 400
    assert "binary" in response.content.decode()


def test_bad_input_is_explained_in_the_page_language(client):
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("zh-hans"):
        expected = gettext("Paste an error message, a traceback or an error body first.")
    response = client.post("/zh-hans/diagnose/", {"text": ""})
    assert expected in response.content.decode()


def test_an_htmx_bad_input_swaps_the_message_in(client):
    response = client.post("/en/diagnose/", {"text": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "Paste an error message" in response.content.decode()


def test_it_accepts_the_home_pages_paste_box(client, quota_entry):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    home = browser.get("/en/diagnose/")
    token = home.cookies["csrftoken"].value
    response = browser.post("/en/diagnose/", {"text": QUOTA, "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Quota exceeded" in response.content.decode()


def test_it_writes_nothing_and_logs_nothing(client, quota_entry, caplog, django_assert_max_num_queries):
    secret_text = QUOTA + " unique-marker-7731"
    client.post("/en/diagnose/", {"text": secret_text})
    with django_assert_max_num_queries(3):  # reads: entries and their steps; no writes
        client.post("/en/diagnose/", {"text": secret_text})
    assert "unique-marker-7731" not in caplog.text


def test_a_paste_without_a_csrf_token_is_still_diagnosed_so_nothing_is_lost(diagnose_rules):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post("/en/diagnose/", {"text": "openai.APITimeoutError: Request timed out."})

    assert response.status_code == 200
    assert "Request timed out" in response.content.decode()


def test_it_shows_the_chained_cause_that_names_the_real_problem(client, diagnose_rules):
    text = (
        "httpx.ProxyError: [WinError 10061] 由于目标计算机积极拒绝，无法连接。\n\n"
        "The above exception was the direct cause of the following exception:\n\n"
        "openai.APIConnectionError: Connection error."
    )

    page = client.post("/en/diagnose/", {"text": text}).content.decode()

    assert "other exceptions in the text" in page
    assert "httpx.ProxyError" in page
