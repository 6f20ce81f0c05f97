from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from troubleshooter.health import views as health_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health_views.healthz, name="healthz"),
    path("api/", include("errors_kb.api_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("errors_kb.urls")),
    prefix_default_language=True,
)
