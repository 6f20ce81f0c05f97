"""manage.py diagnose [TEXT] [--json] [--lang LANG]: diagnose a pasted error (stdin when no TEXT)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from errors_kb.diagnose import diagnose_text, extracted_rows
from errors_kb.diagnosis.text_input import TextProblem, text_check


class Command(BaseCommand):
    help = "Diagnose an error text: the likely conditions, the evidence and what was extracted."

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="The error text; read from stdin when omitted.")
        parser.add_argument("--json", action="store_true", help="Print the API's JSON answer.")
        parser.add_argument("--lang", default="en", help="Language of the explanations (en, zh-hans, ko).")

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
                self.stdout.write(self._summary(diagnosis))

    def _summary(self, diagnosis):
        lines = []
        if not diagnosis.matches:
            lines.append(_("No known condition matches this text."))
        elif diagnosis.ambiguous:
            lines.append(_("Ambiguous: the text cannot settle it on its own."))
        for match in diagnosis.matches:
            title = diagnosis.titles.get(match.condition, match.condition)
            lines.append(f"{match.confidence:4.2f}  {match.condition}  {title}")
            lines.extend(f"      - {line}" for line in match.evidence)
        rows = extracted_rows(diagnosis)
        if rows:
            lines.append(_("Extracted:"))
            lines.extend(f"  {label}: {value}" for label, value in rows)
        for heading, items in (
            (_("About the key:"), diagnosis.key_hints),
            (_("Notes:"), diagnosis.notes),
            (_("What would settle it:"), diagnosis.settle_with),
        ):
            if items:
                lines.append(heading)
                lines.extend(f"  - {item}" for item in items)
        return "\n".join(lines)
