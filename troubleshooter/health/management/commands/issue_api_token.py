from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from troubleshooter.health.tokens import token_issue


class Command(BaseCommand):
    help = "Issue a token for the health API to a user; it is printed once and stored only as a hash."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        self.stdout.write(token_issue(user=user, name=name))
