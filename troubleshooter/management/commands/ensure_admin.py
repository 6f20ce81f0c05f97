from django.core.management.base import BaseCommand

from troubleshooter.accounts import first_admin_ensure


class Command(BaseCommand):
    help = "Create the local admin account on first run and print its password once."

    def handle(self, *args, **options):
        admin = first_admin_ensure()
        if admin.password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the admin account. Sign in at /admin/ as “{admin.username}” with this password "
                    f"(shown only now): {admin.password}"
                )
            )
            return
        self.stdout.write(
            f"The admin account “{admin.username}” already exists; its password was shown only when it was "
            f"created. To set a new one: python manage.py changepassword {admin.username}"
        )
