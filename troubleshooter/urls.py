from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from troubleshooter import views

handler404 = "troubleshooter.views.not_found"
handler500 = "troubleshooter.views.server_failed"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("api/openapi.json", views.openapi_schema, name="openapi"),
    path("api/", include("errors_kb.api_urls")),
    path("api/", include("troubleshooter.tickets.api_urls")),
    path("api/", include("troubleshooter.wizard.api_urls")),
    path("api/", include("troubleshooter.health.api_urls")),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("errors_kb.urls")),
    path("", include("troubleshooter.tickets.urls")),
    path("", include("troubleshooter.wizard.urls")),
    path("", include("troubleshooter.health.urls")),
    prefix_default_language=True,
)
