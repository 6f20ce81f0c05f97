"""The project's own pages: the home page, liveness, the OpenAPI document and the error handlers."""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found, server_error

from errors_kb import selectors
from troubleshooter.health.openai_status import openai_status_now
from troubleshooter.home import common_conditions_this_week, health_summary
from troubleshooter.lib.jsonapi import (
    api_database_unavailable,
    api_not_found,
    api_server_error,
    is_api_request,
    json_api,
    json_response,
)
from troubleshooter.liveness import liveness_report
from troubleshooter.openapi import openapi_document
from troubleshooter.wizard.presenters import home_panels as wizard_home_panels

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def render_standalone(request, template_name, *, status):
    """A page that needs no database: no session, no user, no navigation that reads rows."""
    return HttpResponse(loader.get_template(template_name).render({}), status=status)


@require_safe
def home(request):
    context = {
        "statuses": selectors.http_statuses(),
        "common_conditions": common_conditions_this_week(),
        "health": health_summary(user=request.user),
        "openai_status": openai_status_now(),
        **wizard_home_panels(),
    }
    return render(request, "home.html", context)


@never_cache
@json_api()
def healthz(request):
    checks = liveness_report()
    healthy = all(checks.values())
    return json_response({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)


@json_api()
def openapi_schema(request):
    return openapi_document()


def not_found(request, exception):
    """JSON under /api/, the site's page everywhere else."""
    if is_api_request(request):
        return api_not_found(request)
    return page_not_found(request, exception)


def server_failed(request):
    """A database that does not answer is a 503 (try again soon); anything else a 500."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        if is_api_request(request):
            response = api_database_unavailable(request)
        else:
            response = render_standalone(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    if is_api_request(request):
        return api_server_error(request)
    return server_error(request)
