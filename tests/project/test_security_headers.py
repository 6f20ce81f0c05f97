def test_pages_forbid_inline_and_foreign_scripts(client, db):
    policy = client.get("/en/errors/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_pages_take_styles_only_from_our_files_and_the_admin_keeps_its_inline_styles(client, admin_client, db):
    page = client.get("/en/errors/")["Content-Security-Policy"]
    admin = admin_client.get("/admin/")["Content-Security-Policy"]

    assert "style-src 'self';" in page + ";" and "unsafe-inline" not in page
    assert "style-src 'self' 'unsafe-inline'" in admin


def test_pages_that_echo_a_paste_are_never_stored_by_a_cache(client, shipped_guide):
    text = "openai.AuthenticationError: Error code: 401 - Incorrect API key provided: sk-abc*****wxyz"

    answers = [
        client.post("/en/diagnose/", {"text": text}),
        client.get("/en/wizard/", {"p": "start", "text": text}),
        client.post("/en/tickets/new/", {"error_message": text, "timezone": "UTC", "occurred_at": "2026-12-01T10:00"}),
    ]

    for answer in answers:
        assert "no-store" in answer["Cache-Control"], answer.request["PATH_INFO"]
