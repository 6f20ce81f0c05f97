from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from troubleshooter.health.liveness import liveness_report


@never_cache
def healthz(request):
    checks = liveness_report()
    healthy = all(checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
