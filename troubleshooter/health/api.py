"""GET /api/health/profiles and POST /api/health/profiles/<id>/check, for a session or an API token."""

from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils.translation import gettext as _

from troubleshooter.health.models import Profile
from troubleshooter.health.services import check_request
from troubleshooter.health.tokens import token_user
from troubleshooter.lib.jsonapi import ApiError, json_api, json_response
from troubleshooter.lib.ratelimit import rate_limited


def api_user(request):
    """The caller: a valid Bearer token's user, else the session's (with its CSRF token for writes)."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        user = token_user(token.strip())
        if user is None:
            raise ApiError(_("This API token is not valid."), status=401)
        return user
    if not request.user.is_authenticated:
        raise ApiError(_("Sign in, or send a health API token as Authorization: Bearer."), status=401)
    if request.method == "POST" and CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {}):
        raise ApiError(_("A signed-in browser must send its CSRF token (X-CSRFToken)."), status=403)
    return request.user


def profile_as_dict(profile: Profile) -> dict:
    return {
        "id": profile.pk,
        "name": profile.name,
        "base_url": profile.base_url,
        "key": profile.key_fingerprint,
        "model": profile.model,
        "schedule_minutes": profile.schedule_minutes,
        "enabled": profile.enabled,
        "state": profile.state,
        "condition": profile.condition or None,
        "last_checked_at": profile.last_checked_at.isoformat() if profile.last_checked_at else None,
    }


@json_api(methods=("GET",))
def profile_list(request):
    user = api_user(request)
    return {"profiles": [profile_as_dict(profile) for profile in Profile.objects.owned_by(user)]}


@json_api(methods=("POST",))
@rate_limited(group="health-checks", rate_setting="checks")
def profile_check(request, profile_id):
    user = api_user(request)
    profile = Profile.objects.owned_by(user).filter(pk=profile_id).first()
    if profile is None:
        raise ApiError(_("You have no connection profile %(id)s.") % {"id": profile_id}, status=404)
    run = check_request(profile=profile)
    url = request.build_absolute_uri(reverse("health:run_detail", kwargs={"run_id": run.pk}))
    return json_response({"run": run.pk, "status": run.status, "url": url}, status=202)
