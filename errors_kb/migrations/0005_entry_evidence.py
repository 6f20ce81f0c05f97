import re

import django.core.validators
from django.db import migrations, models

import errors_kb.models

# Status and exception evidence moves from MatchRule rows to the entry's own fields; code and type
# rows (none were shipped) were already derived from error_codes and error_types.
MOVED_FIELDS = ("status", "exception", "code", "type")
STATUS_PATTERN = re.compile(r"^\^(\d{3})\$$")
EXCEPTION_PATTERN = re.compile(r"^\^(?:\(\?:)?(.*?)\)?\$$")
NAME = re.compile(r"^[A-Za-z_][\w.]*$")
EXCEPTION_EVIDENCE = 0.8
NO_STATUS_WEIGHT = 0.05


def evidence_fields(*, http_status, sdk_exceptions, rules):
    """(evidence_weight, other_statuses, client_exceptions) from an entry's status and exception rules.

    `rules`: (field, pattern, weight) of the entry's rows. Pure, so the shipped guide.json was converted
    with the same function.
    """
    weight, others, names = None, [], []
    exception_weights = []
    for field, pattern, rule_weight in rules:
        if field == "status" and (found := STATUS_PATTERN.match(pattern)):
            status = int(found[1])
            if status == http_status:
                weight = rule_weight
            elif status not in others:
                others.append(status)
        elif field == "exception" and (found := EXCEPTION_PATTERN.match(pattern)):
            exception_weights.append(rule_weight)
            names += [name.replace("\\.", ".") for name in found[1].split("|")]
    names = [name for name in names if NAME.match(name)]  # a name with regex syntax left in is dropped
    known = {name.rsplit(".", 1)[-1] for name in sdk_exceptions or ()}
    client = []
    for name in names:
        bare = name.rsplit(".", 1)[-1]
        if bare not in known and bare not in {n.rsplit(".", 1)[-1] for n in client}:
            client.append(name)
    if weight is None:
        weight = min(1.0, max(exception_weights) / EXCEPTION_EVIDENCE) if exception_weights and http_status is None else NO_STATUS_WEIGHT
    return round(weight, 4), others, client


def move_rules_to_entries(apps, schema_editor):
    Entry = apps.get_model("errors_kb", "Entry")
    MatchRule = apps.get_model("errors_kb", "MatchRule")
    for entry in Entry.objects.all():
        moved = MatchRule.objects.filter(entry=entry, field__in=MOVED_FIELDS)
        rules = list(moved.values_list("field", "pattern", "weight"))
        if not rules and entry.kind != "condition":
            continue
        entry.evidence_weight, entry.other_statuses, entry.client_exceptions = evidence_fields(
            http_status=entry.http_status, sdk_exceptions=entry.sdk_exceptions, rules=rules
        )
        entry.save(update_fields=["evidence_weight", "other_statuses", "client_exceptions"])
        moved.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('errors_kb', '0004_vocabulary'),
    ]

    operations = [
        migrations.AddField(
            model_name='entry',
            name='client_exceptions',
            field=models.JSONField(blank=True, default=list, help_text='Exceptions of HTTP clients and other libraries that mean this condition (httpx.ConnectError).', verbose_name="other libraries' exceptions"),
        ),
        migrations.AddField(
            model_name='entry',
            name='evidence_weight',
            field=models.FloatField(default=0.3, help_text='How strongly the HTTP status or the exception alone points to this condition, from 0 to 1, when nothing more specific is known. A status or exception only this condition lists counts as strong evidence anyway.', validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='weight of status and exception alone'),
        ),
        migrations.AddField(
            model_name='entry',
            name='other_statuses',
            field=models.JSONField(blank=True, default=list, help_text="Other statuses this condition arrives with: a CDN's 520–524, an older API's 429 for an overload.", validators=[errors_kb.models.validate_http_statuses], verbose_name='other HTTP statuses'),
        ),
        migrations.AddField(
            model_name='historicalentry',
            name='client_exceptions',
            field=models.JSONField(blank=True, default=list, help_text='Exceptions of HTTP clients and other libraries that mean this condition (httpx.ConnectError).', verbose_name="other libraries' exceptions"),
        ),
        migrations.AddField(
            model_name='historicalentry',
            name='evidence_weight',
            field=models.FloatField(default=0.3, help_text='How strongly the HTTP status or the exception alone points to this condition, from 0 to 1, when nothing more specific is known. A status or exception only this condition lists counts as strong evidence anyway.', validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name='weight of status and exception alone'),
        ),
        migrations.AddField(
            model_name='historicalentry',
            name='other_statuses',
            field=models.JSONField(blank=True, default=list, help_text="Other statuses this condition arrives with: a CDN's 520–524, an older API's 429 for an overload.", validators=[errors_kb.models.validate_http_statuses], verbose_name='other HTTP statuses'),
        ),
        migrations.RunPython(move_rules_to_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='historicalmatchrule',
            name='field',
            field=models.CharField(choices=[('message', 'error message'), ('text', 'anywhere in the text')], default='text', max_length=12, verbose_name='looks at'),
        ),
        migrations.AlterField(
            model_name='matchrule',
            name='field',
            field=models.CharField(choices=[('message', 'error message'), ('text', 'anywhere in the text')], default='text', max_length=12, verbose_name='looks at'),
        ),
    ]
