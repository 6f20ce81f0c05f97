from django.core.management.base import BaseCommand

from troubleshooter.accounts import first_admin_ensure


class Command(BaseCommand):
    help = "Create the local admin account on first run and print its password once."

    def handle(self, *args, **options):
        password = first_admin_ensure()
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    "Created the admin account. Sign in at /admin/ as “admin” with this password "
                    f"(shown only now): {password}"
                )
            )
