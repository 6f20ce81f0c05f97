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
