from django.urls import path

from troubleshooter.health import views

app_name = "health"

urlpatterns = [
    path("health/", views.dashboard, name="dashboard"),
    path("health/check-all/", views.check_all, name="check_all"),
    path("health/profiles/new/", views.profile_edit, name="profile_create"),
    path("health/profiles/<int:profile_id>/edit/", views.profile_edit, name="profile_edit"),
    path("health/profiles/<int:profile_id>/check/", views.profile_check, name="profile_check"),
    path("health/profiles/<int:profile_id>/webhook-test/", views.webhook_test, name="webhook_test"),
    path("health/runs/<int:run_id>/", views.run_detail, name="run_detail"),
]
