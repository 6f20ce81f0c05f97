"""Admin forms for guide entries: the revision an editor opened, and the guide import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from errors_kb.models import Entry

STALE_ENTRY_MESSAGE = _(
    "This entry was changed by someone else since you opened it. Nothing was saved. "
    "Open the entry again to see their changes, then make yours again."
)


def current_revision(entry_id):
    return Entry.objects.filter(pk=entry_id).values_list("revision", flat=True).first()


class EntryAdminForm(forms.ModelForm):
    """Carries the revision the editor opened; saving over a newer revision is refused.

    The admin saves inlines only when this form is valid, so the refusal covers them too.
    The admin re-checks under a row lock while saving (``entry_history.entry_lock``).
    """

    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # From the database, not the instance: on the history page the instance is an old version.
        if self.instance.pk:
            self.fields["seen_revision"].initial = current_revision(self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("seen_revision") != current_revision(self.instance.pk):
            raise forms.ValidationError(STALE_ENTRY_MESSAGE, code="stale")
        return cleaned


class RevertForm(forms.Form):
    seen_revision = forms.IntegerField(required=False)


class GuideImportForm(forms.Form):
    guide_file = forms.FileField(label=_("guide.json file"))
    force = forms.BooleanField(
        label=_("Overwrite entries edited here"),
        required=False,
        help_text=_("Entries changed in the admin since the last load are kept unless this is ticked."),
    )
