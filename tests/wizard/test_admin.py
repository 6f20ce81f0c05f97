"""The flow in the admin: tabs per language, choices inline, and saves refused when a reference is missing."""

from troubleshooter.wizard.models import Node


def node_form(**overrides):
    data = {
        "key": "t-new",
        "kind": "tool",
        "tool": "retry_code",
        "condition": "",
        "next": "r-429-rate-limit",
        "text_en": "Retry.",
        "text_zh_hans": "重试。",
        "text_ko": "재시도.",
        "position": "99",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    return {**data, **overrides}


def test_the_node_list_and_a_node_page_open(admin_client, flow):
    node = Node.objects.get(key="q-429")

    assert admin_client.get("/admin/wizard/node/").status_code == 200
    page = admin_client.get(f"/admin/wizard/node/{node.pk}/change/").content.decode()
    assert "choices-TOTAL_FORMS" in page and "text_ko" in page


def test_a_valid_node_is_saved(admin_client, flow):
    response = admin_client.post("/admin/wizard/node/add/", node_form())

    assert response.status_code == 302
    assert Node.objects.get(key="t-new").history.count() == 1


def test_a_node_pointing_at_a_missing_node_is_refused_with_a_clear_message(admin_client, flow):
    response = admin_client.post("/admin/wizard/node/add/", node_form(next="r-nowhere"))

    assert response.status_code == 200
    assert "No wizard node has the id “r-nowhere”." in response.content.decode()
    assert not Node.objects.filter(key="t-new").exists()


def test_a_choice_pointing_at_a_missing_node_is_refused(admin_client, flow):
    question = node_form(kind="question", tool="", next="", key="q-new")
    question.update(
        {
            "choices-TOTAL_FORMS": "1",
            "choices-0-position": "0",
            "choices-0-label_en": "Yes",
            "choices-0-label_zh_hans": "是",
            "choices-0-label_ko": "예",
            "choices-0-next": "q-gone",
        }
    )

    response = admin_client.post("/admin/wizard/node/add/", question)

    assert "No wizard node has the id “q-gone”." in response.content.decode()
    assert not Node.objects.filter(key="q-new").exists()


def test_a_resolution_of_an_unknown_condition_is_refused_in_korean(admin_client, flow):
    form = node_form(kind="resolution", tool="", condition="429-typo", next="ticket")

    response = admin_client.post("/admin/wizard/node/add/", form, HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 200
    assert "가이드에 slug가 “429-typo”인 오류 상황이 없습니다." in response.content.decode()
