"""GET /api/wizard?lang=: the flow graph in the asked language (DESIGN.md contract)."""

import pytest

from troubleshooter.wizard.models import Node


def test_the_graph_has_the_contract_shape(client, flow):
    body = client.get("/api/wizard?lang=en").json()

    assert body["start"] == "start"
    assert len(body["nodes"]) == Node.objects.count()
    for node in body["nodes"]:
        assert set(node) == {"id", "kind", "text", "choices", "condition"}
        assert node["kind"] in {"question", "tool", "resolution", "ticket"}
        assert node["text"]
        assert all(set(choice) == {"label", "next"} and choice["label"] for choice in node["choices"])


def test_every_next_names_a_node_of_the_graph(client, flow):
    body = client.get("/api/wizard").json()
    ids = {node["id"] for node in body["nodes"]}

    assert {choice["next"] for node in body["nodes"] for choice in node["choices"]} <= ids


@pytest.mark.parametrize(
    ("lang", "start_text", "not_fixed"),
    [
        ("en", "What did you see?", "Not fixed"),
        ("zh-hans", "你遇到了什么情况？", "没有解决"),
        ("ko", "어떤 증상이 나타났나요?", "해결되지 않음"),
    ],
)
def test_texts_come_in_the_asked_language(lang, start_text, not_fixed, client, flow):
    nodes = {node["id"]: node for node in client.get(f"/api/wizard?lang={lang}").json()["nodes"]}

    assert nodes["start"]["text"] == start_text
    assert nodes["r-429-quota-exceeded"]["choices"] == [{"label": not_fixed, "next": "ticket"}]
    assert nodes["r-429-quota-exceeded"]["condition"] == "429-quota-exceeded"
    assert nodes["start"]["condition"] is None


def test_an_unknown_language_is_a_400_in_the_callers_language(client, flow):
    response = client.get("/api/wizard?lang=fr", HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 400
    assert "fr" in response.json()["error"] and "en, zh-hans, ko" in response.json()["error"]


def test_only_get_is_allowed(client, flow):
    response = client.post("/api/wizard")

    assert response.status_code == 405
    assert "GET" in response["Allow"]
