from django.core.management.base import BaseCommand, CommandError

from troubleshooter.wizard.flow_data import DEFAULT_FLOW_PATH, FlowFileError, flow_load, flow_read_file


class Command(BaseCommand):
    help = "Load the wizard's flow (troubleshooter/wizard/data/flow.json); nodes edited in the admin are kept."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DEFAULT_FLOW_PATH), help="flow.json to load")
        parser.add_argument("--force", action="store_true", help="overwrite nodes edited in the admin")

    def handle(self, *args, file, force, **options):
        try:
            report = flow_load(data=flow_read_file(file), force=force)
        except FlowFileError as exc:
            raise CommandError(str(exc)) from exc
        if report.errors:
            for error in report.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(report.errors)} problem(s) in {file}; nothing was loaded.")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.skipped_edited)} skipped (edited in the admin)."
        )
        for key in report.skipped_edited:
            self.stdout.write(self.style.WARNING(f"  kept the admin's edit of {key}; --force overwrites it"))
