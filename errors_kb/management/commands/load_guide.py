from django.core.management.base import BaseCommand, CommandError

from errors_kb.guide_file import DEFAULT_GUIDE_PATH, GuideFileError, guide_read_file
from errors_kb.guide_loading import guide_load


class Command(BaseCommand):
    help = "Load the guide (errors_kb/data/guide.json) into the database; entries edited in the admin are kept."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT_GUIDE_PATH), help="guide.json to load")
        parser.add_argument("--force", action="store_true", help="overwrite entries edited in the admin")

    def handle(self, *args, file, force, **options):
        try:
            data = guide_read_file(file)
        except GuideFileError as exc:
            raise CommandError(str(exc)) from exc
        report = guide_load(data=data, force=force)
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(report.errors)} validation error(s) in {file}; nothing was loaded.")

        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.skipped_edited)} skipped (edited in the admin)."
        )
        for slug, missing in report.unknown_related:
            self.stdout.write(self.style.WARNING(f"  {slug}: related entry {missing!r} does not exist; link left out."))
        for slug, missing in report.unknown_cross_references:
            self.stdout.write(self.style.WARNING(f"  {slug}: [[{missing}]] names no entry; it shows as plain text."))
        if report.skipped_edited:
            self.stdout.write(self.style.WARNING("Edited in the admin since the last load, not overwritten:"))
            for slug in report.skipped_edited:
                self.stdout.write(f"  {slug}")
            self.stdout.write(
                "Export them first (admin → guide entries → Export) to keep the edits in guide.json, "
                "or run again with --force to overwrite them."
            )
