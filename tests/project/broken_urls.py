"""The site's URLs plus one view that fails, to see the server-error page."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from troubleshooter.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [*site_urlpatterns, *i18n_patterns(path("broken/", broken))]
