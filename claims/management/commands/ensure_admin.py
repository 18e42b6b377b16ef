from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the admin named by DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD unless it exists "
        "(make run calls this, so a second run does not fail)."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "")
        if get_user_model().objects.filter(username=username).exists():
            self.stdout.write(f"Admin {username!r} already exists.")
            return
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        call_command("createsuperuser", interactive=False, username=username, email=email)
        self.stdout.write(f"Created admin {username!r}.")
