from django.urls import path

from troubleshooter.health import api

app_name = "health_api"

urlpatterns = [
    path("health/profiles", api.profile_list, name="profile_list"),
    path("health/profiles/<int:profile_id>/check", api.profile_check, name="profile_check"),
]
