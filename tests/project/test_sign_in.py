"""Anyone with an account signs in on the site itself (not only staff through the admin) and lands on health checks."""


def test_a_user_who_is_not_staff_signs_in_and_reaches_the_health_page(client, django_user_model, db):
    django_user_model.objects.create_user("dev", password="a-long-password-1234")

    response = client.post("/ko/accounts/login/", {"username": "dev", "password": "a-long-password-1234"}, follow=True)

    assert response.redirect_chain[-1][0] == "/ko/health/"
    assert "로그아웃" in response.content.decode()


def test_a_wrong_password_is_refused_in_the_page_language(client, django_user_model, db):
    django_user_model.objects.create_user("dev", password="a-long-password-1234")

    response = client.post("/zh-hans/accounts/login/", {"username": "dev", "password": "nope"})

    assert response.status_code == 200
    assert "用户名和密码不匹配" in response.content.decode()
