"""Every step type as a full page and as the htmx partial; state in the URL; the no-JavaScript path."""

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from troubleshooter.wizard.models import Outcome

HTMX = {"HTTP_HX_REQUEST": "true"}
STEPS = {
    "question": "/en/wizard/?p=start,q-status,q-429",
    "tool request checker": "/en/wizard/?p=start,q-status,q-400,t-check-other",
    "tool retry code": "/en/wizard/?p=start,q-status,q-429,q-429-kind,t-retry-rate&lib=v1",
    "resolution": "/en/wizard/?p=start,q-status,q-429,r-429-quota-exceeded",
    "ticket": "/en/wizard/?p=start,q-status,q-429,r-429-quota-exceeded,ticket",
}
KINDS = {"question": "question", "tool": "tool", "resolution": "resolution", "ticket": "ticket"}


def hrefs(html):
    return re.findall(r'href="([^"]+)"', html)


@pytest.mark.parametrize("name", sorted(STEPS))
def test_each_step_type_renders_as_a_full_page(name, client, flow):
    response = client.get(STEPS[name])

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'id="wizard-step"' in html
    assert f'data-kind="{name.split()[0]}"' in html


@pytest.mark.parametrize("name", sorted(STEPS))
def test_each_step_type_renders_as_the_partial_for_htmx(name, client, flow):
    response = client.get(STEPS[name], **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="wizard-step"')
    assert "<html" not in html


def test_a_question_offers_its_choices_as_plain_links_that_extend_the_path(client, flow):
    html = client.get("/en/wizard/?p=start,q-status,q-429").content.decode()

    assert "Does the message or the body&#x27;s code mention quota, billing or credits?" in html
    assert "/en/wizard/?p=start,q-status,q-429,r-429-quota-exceeded" in hrefs(html)
    assert "/en/wizard/?p=start,q-status,q-429,q-429-kind" in hrefs(html)


def test_back_drops_the_last_step_and_start_over_clears_the_path(client, flow):
    html = client.get("/en/wizard/?p=start,q-status,q-429").content.decode()

    assert re.search(r'href="/en/wizard/\?p=start,q-status" rel="prev"', html)
    assert 'href="/en/wizard/">Start over' in html


def test_a_reloaded_or_shared_link_shows_the_same_step(client, flow):
    def step_section(html):
        section = html[html.index('<section id="wizard-step"') : html.index("</section>", html.index("outcome-form"))]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", section)

    first = client.get(STEPS["resolution"]).content.decode()
    shared = Client().get(STEPS["resolution"]).content.decode()

    assert "Did this fix it?" in first
    assert step_section(first) == step_section(shared)


def test_the_progress_grows_along_the_path(client, flow):
    def progress(url):
        return int(re.search(r'<progress max="100" value="(\d+)"', client.get(url).content.decode())[1])

    assert progress("/en/wizard/") < progress("/en/wizard/?p=start,q-status") < progress(STEPS["resolution"])
    assert progress(STEPS["resolution"]) == 100


def test_a_link_to_a_step_that_does_not_exist_is_a_404_with_a_way_back(client, flow):
    response = client.get("/en/wizard/?p=start,q-gone")

    assert response.status_code == 404
    assert "This step does not exist" in response.content.decode()


def test_the_steps_speak_the_page_language(client, flow):
    assert "어떤 증상이 나타났나요?" in client.get("/ko/wizard/").content.decode()
    assert "你遇到了什么情况？" in client.get("/zh-hans/wizard/").content.decode()


def test_a_resolution_shows_the_entry_steps_as_a_checklist(client, flow):
    html = client.get(STEPS["resolution"]).content.decode()

    assert html.count('type="checkbox" name="done"') >= 2
    assert 'href="/en/errors/429-quota-exceeded/"' in html


def test_fixed_records_a_resolved_outcome_without_anything_about_the_user(client, flow):
    response = client.post(
        "/en/wizard/outcome/?p=start,q-status,q-429,r-429-quota-exceeded",
        {"condition": "429-quota-exceeded", "resolved": "yes"},
    )

    assert response.status_code == 302
    assert "Glad it works again." in client.get(response["Location"]).content.decode()
    assert list(Outcome.objects.values_list("condition", "resolved")) == [("429-quota-exceeded", True)]


def test_not_fixed_moves_on_to_the_next_branch(client, flow):
    response = client.post(
        "/en/wizard/outcome/?p=start,q-status,q-401,r-401-incorrect-api-key",
        {"condition": "401-incorrect-api-key", "resolved": "no"},
    )

    assert (
        response["Location"]
        == "/en/wizard/?p=start,q-status,q-401,r-401-incorrect-api-key,r-401-invalid-authentication"
    )
    assert Outcome.objects.get().resolved is False


def test_an_outcome_for_another_condition_than_the_step_is_refused(client, flow):
    response = client.post(
        "/en/wizard/outcome/?p=start,q-status,q-429,r-429-quota-exceeded", {"condition": "timeout", "resolved": "yes"}
    )

    assert response.status_code == 400
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("text", "landing"),
    [
        ("Error code: 429", "q-429"),
        ("openai.RateLimitError: Error code: 429", "q-429"),
        ("Error code: 403", "q-403"),
        (
            "Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'code': 'insufficient_quota'}}",
            "r-429-quota-exceeded",
        ),
        ("openai.APIConnectionError: Connection error.", "r-connection-error"),
        ("just some words", "start"),
    ],
)
def test_a_paste_lands_where_only_the_ambiguity_is_left_to_settle(text, landing, client, flow):
    response = client.post("/en/wizard/paste/", {"text": text})

    query = parse_qs(urlsplit(response["Location"]).query)
    assert response.status_code == 302
    assert query["p"][0].split(",")[-1] == landing
    assert query["text"] == [text]


def test_a_pasted_key_never_reaches_the_url(client, flow):
    key = "sk-proj-" + "A1b2C3d4" * 6
    response = client.post("/en/wizard/paste/", {"text": f"Error code: 401 - Incorrect API key provided: {key}"})

    assert key not in response["Location"]
    assert key[-4:] in response["Location"]


def test_an_empty_paste_is_answered_with_the_form_again(client, flow):
    response = client.post("/ko/wizard/paste/", {"text": "  "})

    assert response.status_code == 400
    assert 'name="text"' in response.content.decode()


def test_the_request_checker_answers_on_the_same_url_and_carries_the_masked_request_forward(client, flow):
    body = '{"model": "gpt-4o", "messages": [{"role": "user", "content": "sk-proj-' + "x" * 40 + '"}], "top_p": 3}'

    response = client.post(STEPS["tool request checker"], {"endpoint": "chat", "body": body}, **HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="wizard-step"')
    assert "“top_p” is 3; it must be a number from 0 to 1." in html
    assert "tokens in the input; gpt-4o has a context window of 128000 tokens." in html
    forward = next(href for href in hrefs(html) if "r-400-bad-request" in href)
    assert "req=" in forward and "x" * 40 not in forward


def test_the_request_checker_points_at_a_json_error(client, flow):
    response = client.post(STEPS["tool request checker"], {"endpoint": "chat", "body": '{"model": "gpt-4o",,}'})

    assert "line 1, column 20" in response.content.decode()


def test_the_retry_tool_shows_the_snippet_for_the_chosen_version(client, flow):
    html = client.get(STEPS["tool retry code"].replace("lib=v1", "lib=v0")).content.decode()

    assert "openai.error.OpenAIError" in html
    assert "does not retry API errors" in html
    assert 'aria-current="true">0.x (before 1.0)' in html


def test_the_ticket_step_posts_to_the_tickets_page_with_everything_gathered_and_no_secret(client, flow):
    key = "sk-proj-" + "Z9" * 24
    text = f"Error code: 429 - {{'error': {{'message': 'quota ({key})', 'code': 'insufficient_quota'}}}}"
    url = STEPS["ticket"] + "&" + urlencode({"text": text, "lib": "v3", "req": '{"model":"gpt-4o-mini"}'})

    html = client.get(url).content.decode()
    form = html[
        html.index('<form method="post" action="/en/tickets/new/"') : html.index("</form>", html.index("ticket-form"))
    ]

    assert key not in form and key[-4:] in form
    assert 'name="condition" value="429-quota-exceeded"' in form
    assert 'name="wizard_path" value="start,q-status,q-429,r-429-quota-exceeded,ticket"' in form
    assert 'name="model" value="gpt-4o-mini"' in form
    assert 'name="error_code" value="insufficient_quota"' in form
    assert "openai library: 3.x" in form
    assert "data-browser-timezone" in form


def test_pasting_shares_the_diagnosers_rate_limit(client, flow, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "diagnose": "2/m"}
    for _ in range(2):
        assert client.post("/ko/wizard/paste/", {"text": "Error code: 429"}).status_code == 302

    response = client.post("/ko/wizard/paste/", {"text": "Error code: 429"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
