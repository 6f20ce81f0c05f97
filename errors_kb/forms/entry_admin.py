"""Admin forms for guide entries: lists edited as lists, the revision an editor opened, and the guide import."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from errors_kb.models import Entry

STALE_ENTRY_MESSAGE = _(
    "This entry was changed by someone else since you opened it. Nothing was saved. "
    "Open the entry again to see their changes, then make yours again."
)


def current_revision(entry_id):
    return Entry.objects.filter(pk=entry_id).values_list("revision", flat=True).first()


class StringListField(forms.CharField):
    """A JSON list of strings edited as text: one item per line, or (``blocks``) per block between ``---`` lines."""

    def __init__(self, *, blocks=False, **kwargs):
        self.blocks = blocks
        rows = 6 if blocks else 3
        # Lines do not wrap: one item is one line on screen too.
        attrs = {"rows": rows, "class": "vLargeTextField", **({} if blocks else {"wrap": "off"})}
        super().__init__(required=False, strip=False, widget=forms.Textarea(attrs=attrs), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return ("\n---\n" if self.blocks else "\n").join(value)
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").replace("\r\n", "\n").replace("\r", "\n")
        items = re.split(r"^---$", text, flags=re.MULTILINE) if self.blocks else text.split("\n")
        return [item.strip() for item in items if item.strip()]

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)


class StatusListField(StringListField):
    """HTTP statuses edited as text, one per line; stored as a list of numbers."""

    def to_python(self, value):
        items = super().to_python(value)
        if not all(item.isascii() and item.isdigit() and 100 <= int(item) <= 599 for item in items):
            raise forms.ValidationError(_("List HTTP statuses as whole numbers from 100 to 599."), code="invalid")
        return [int(item) for item in items]

    def prepare_value(self, value):
        return "\n".join(str(item) for item in value) if isinstance(value, list) else value

    def has_changed(self, initial, data):
        try:
            return super().has_changed(initial, data)
        except forms.ValidationError:
            return True


def _list_field(name, *, blocks=False):
    model_field = Entry._meta.get_field(name)
    hint = _("One example per block; separate blocks with a line holding only ---.") if blocks else _("One per line.")
    return StringListField(label=model_field.verbose_name, help_text=hint, blocks=blocks)


class EntryAdminForm(forms.ModelForm):
    """Carries the revision the editor opened; saving over a newer revision is refused.

    The admin saves inlines only when this form is valid, so the refusal covers them too.
    The admin re-checks under a row lock while saving (``entry_history.entry_lock``).
    """

    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    api_messages = _list_field("api_messages")
    error_codes = _list_field("error_codes")
    error_types = _list_field("error_types")
    sdk_exceptions = _list_field("sdk_exceptions")
    client_exceptions = _list_field("client_exceptions")
    other_statuses = StatusListField(
        label=Entry._meta.get_field("other_statuses").verbose_name, help_text=_("One per line.")
    )
    examples = _list_field("examples", blocks=True)

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
