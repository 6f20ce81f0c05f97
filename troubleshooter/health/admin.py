from django.contrib import admin

from troubleshooter.health.forms import ProfileForm
from troubleshooter.health.models import ApiToken, CheckRun, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileForm
    list_display = ["name", "owner", "base_url", "key_fingerprint", "state", "condition", "last_checked_at"]
    list_filter = ["state", "enabled", "schedule_minutes"]
    search_fields = ["name", "base_url", "owner__username"]
    readonly_fields = ["key_fingerprint", "state", "condition", "last_checked_at", "next_check_at"]
    fields = ["owner", "name", "key_fingerprint", "api_key", *ProfileForm.Meta.fields[1:], *readonly_fields[1:]]


@admin.register(CheckRun)
class CheckRunAdmin(admin.ModelAdmin):
    list_display = ["profile", "created_at", "status", "outcome", "condition", "http_status", "latency_ms"]
    list_filter = ["status", "outcome"]
    readonly_fields = [f.name for f in CheckRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "fingerprint", "created_at"]
    readonly_fields = ["user", "name", "fingerprint", "created_at"]

    def has_add_permission(self, request):
        return False  # issued by `manage.py issue_api_token`, which shows the token once
