from django.core.management.base import BaseCommand, CommandError

from errors_kb.guide_file import DEFAULT_GUIDE_PATH, GuideFileError, guide_read_file
from errors_kb.guide_loading import guide_load
from errors_kb.vocabulary_file import DEFAULT_VOCABULARY_PATH, vocabulary_read_file
from errors_kb.vocabulary_loading import vocabulary_load


class Command(BaseCommand):
    help = (
        "Load the guide (errors_kb/data/guide.json), then the diagnoser's vocabulary "
        "(errors_kb/data/diagnosis_vocabulary.json), into the database; what was edited in the admin is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT_GUIDE_PATH), help="guide.json to load")
        parser.add_argument(
            "--vocabulary", default=str(DEFAULT_VOCABULARY_PATH), help="diagnosis_vocabulary.json to load"
        )
        parser.add_argument("--force", action="store_true", help="overwrite entries and concepts edited in the admin")

    def handle(self, *args, file, vocabulary, force, **options):
        try:
            data = guide_read_file(file)
            vocabulary_data = vocabulary_read_file(vocabulary)
        except GuideFileError as exc:
            raise CommandError(str(exc)) from exc

        report = guide_load(data=data, force=force)
        self._fail_or_write_counts(report, path=file, prefix="")
        for slug, missing in report.unknown_related:
            self.stdout.write(self.style.WARNING(f"  {slug}: related entry {missing!r} does not exist; link left out."))
        for slug, missing in report.unknown_cross_references:
            self.stdout.write(self.style.WARNING(f"  {slug}: [[{missing}]] names no entry; it shows as plain text."))
        self._write_skipped(report, rows="Entries", where="guide entries", file="guide.json")

        report = vocabulary_load(data=vocabulary_data, force=force)
        self._fail_or_write_counts(report, path=vocabulary, prefix="Vocabulary: ")
        for name, missing in report.unknown_entries:
            self.stdout.write(self.style.WARNING(f"  {name}: entry {missing!r} does not exist; link left out."))
        self._write_skipped(
            report, rows="Concepts", where="concepts of the diagnoser", file="diagnosis_vocabulary.json"
        )

    def _fail_or_write_counts(self, report, *, path, prefix):
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(report.errors)} validation error(s) in {path}; nothing was loaded.")
        self.stdout.write(
            f"{prefix}{len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.skipped_edited)} skipped (edited in the admin)."
        )

    def _write_skipped(self, report, *, rows, where, file):
        if not report.skipped_edited:
            return
        self.stdout.write(self.style.WARNING(f"{rows} edited in the admin since the last load, not overwritten:"))
        for name in report.skipped_edited:
            self.stdout.write(f"  {name}")
        self.stdout.write(
            f"Export them first (admin → {where} → Export) to keep the edits in {file}, "
            "or run again with --force to overwrite them."
        )
