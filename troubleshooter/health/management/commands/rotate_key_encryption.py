from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from troubleshooter.health.models import Profile
from troubleshooter.health.secrets import InvalidToken, key_rotate


class Command(BaseCommand):
    help = "Re-encrypt every stored API key with the first key of KEY_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        rotated = 0
        with transaction.atomic():
            for profile in Profile.objects.select_for_update().only("pk", "key_ciphertext"):
                try:
                    profile.key_ciphertext = key_rotate(profile.key_ciphertext)
                except InvalidToken as error:
                    raise CommandError(
                        f"Profile {profile.pk}: none of KEY_ENCRYPTION_KEYS opens its key; nothing was changed."
                    ) from error
                profile.save(update_fields=["key_ciphertext"])
                rotated += 1
        self.stdout.write(f"Re-encrypted {rotated} API keys with the first key.")
