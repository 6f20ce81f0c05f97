"""The profile form, shared by the site and the admin: the key is write-only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from troubleshooter.health.models import Profile


class ProfileForm(forms.ModelForm):
    api_key = forms.CharField(
        label=_("API key"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Stored encrypted; only its fingerprint is ever shown. Leave empty to keep the saved key."),
    )

    class Meta:
        model = Profile
        fields = [
            "name",
            "base_url",
            "flavor",
            "api_version",
            "organization",
            "project",
            "proxy_url",
            "model",
            "timeout_seconds",
            "schedule_minutes",
            "enabled",
            "completion_check",
            "notify_email",
            "webhook_url",
        ]

    def clean_api_key(self):
        key = self.cleaned_data["api_key"]
        if not key and not self.instance.key_ciphertext:
            raise forms.ValidationError(_("Enter the API key to check."))
        return key

    def clean_timeout_seconds(self):
        timeout = self.cleaned_data["timeout_seconds"]
        if not 1 <= timeout <= 120:
            raise forms.ValidationError(_("Choose a timeout between 1 and 120 seconds."))
        return timeout

    def clean_proxy_url(self):
        proxy = self.cleaned_data["proxy_url"]
        if proxy and not proxy.startswith(("http://", "https://")):
            raise forms.ValidationError(_("A proxy URL starts with http:// or https://."))
        return proxy

    def save(self, commit=True):
        if self.cleaned_data.get("api_key"):
            self.instance.set_key(self.cleaned_data["api_key"])
        if self.instance.webhook_url:
            self.instance.webhook_secret()  # made now, so the page shows the secret alerts are signed with
        return super().save(commit=commit)
