"""manage.py diagnose [TEXT] [--json] [--lang LANG]: diagnose a pasted error (stdin when no TEXT)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from errors_kb.diagnose import diagnose_text, diagnosis_entries, extracted_rows
from errors_kb.diagnosis.text_input import TextProblem, text_check


class Command(BaseCommand):
    help = "Diagnose an error text: the likely conditions, the evidence and what was extracted."

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="The error text; read from stdin when omitted.")
        parser.add_argument("--json", action="store_true", help="Print the API's JSON answer.")
        parser.add_argument("--lang", default="en", help="Language of the explanations (en, zh-hans, ko).")
        parser.add_argument(
            "--base-url",
            default="",
            help="Put in front of the entries' links, e.g. https://troubleshooter.example.com.",
        )

    def handle(self, *args, **options):
        text = options["text"] if options["text"] is not None else sys.stdin.read()
        with translation.override(options["lang"]):
            try:
                text_check(text)
            except TextProblem as problem:
                raise CommandError(str(problem.message)) from None
            diagnosis = diagnose_text(text, language=options["lang"])
            if options["json"]:
                self.stdout.write(json.dumps(diagnosis.as_dict(), ensure_ascii=False, indent=2))
            else:
                self.stdout.write(self._summary(diagnosis, base_url=options["base_url"].rstrip("/")))

    def _summary(self, diagnosis, *, base_url):
        lines = []
        entries = diagnosis_entries(diagnosis)
        if not diagnosis.matches:
            lines.append(_("No known condition matches this text."))
        elif diagnosis.ambiguous:
            lines.append(_("Ambiguous: the text cannot settle it on its own."))
        lines.extend(f"! {note}" for note in diagnosis.notes)  # what tells the candidates apart comes first
        for match in diagnosis.matches:
            title = diagnosis.titles.get(match.condition, match.condition)
            lines.append(f"{match.confidence:4.2f}  {match.condition}  {title}")
            lines.extend(f"      - {line}" for line in match.evidence)
            lines.append(f"      {base_url}{reverse('errors_kb:entry_detail', kwargs={'slug': match.condition})}")
        best = entries.get(diagnosis.best.condition) if diagnosis.best else None
        steps = list(best.steps.all()) if best else []
        if steps:
            lines.append(_("What to do:"))
            lines.extend(f"  {number}. {step.text}" for number, step in enumerate(steps, 1))
        rows = extracted_rows(diagnosis)
        if rows:
            lines.append(_("Extracted:"))
            lines.extend(f"  {label}: {value}" for label, value in rows)
        for heading, items in (
            (_("About the key:"), diagnosis.key_hints),
            (_("What would settle it:"), diagnosis.settle_with),
        ):
            if items:
                lines.append(heading)
                lines.extend(f"  - {item}" for item in items)
        return "\n".join(lines)
