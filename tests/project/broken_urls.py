"""The site's URLs plus views that fail, to see the server-error answers of pages and the API."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from troubleshooter.urls import handler404, handler500  # noqa: F401 - Django looks them up here
from troubleshooter.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("api/broken", broken), *site_urlpatterns, *i18n_patterns(path("broken/", broken))]
