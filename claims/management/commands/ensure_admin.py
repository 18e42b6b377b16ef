from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.languages import speaks_desk_language

NO_ADMIN_HINT = gettext_lazy(
    "No admin account yet: run .venv/bin/python manage.py createsuperuser, or set "
    "DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD and run make run again."
)


class Command(BaseCommand):
    help = (
        "Create the admin named by DJANGO_SUPERUSER_USERNAME / DJANGO_SUPERUSER_PASSWORD unless it exists "
        "(make run calls this, so a second run does not fail); without them, say how to create one if no "
        "superuser exists yet."
    )

    @speaks_desk_language
    def handle(self, *args, **options) -> None:
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "")
        has_password = bool(os.environ.get("DJANGO_SUPERUSER_PASSWORD", ""))
        users = get_user_model().objects
        if not username and not has_password:
            if not users.filter(is_superuser=True).exists():
                self.stdout.write(str(NO_ADMIN_HINT))
            return
        if not (username and has_password):
            raise CommandError(
                _("Set both DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD, or none.")
            )
        if users.filter(username=username).exists():
            self.stdout.write(_("Admin %(name)r already exists.") % {"name": username})
            return
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "")
        call_command("createsuperuser", interactive=False, username=username, email=email)
        self.stdout.write(_("Created admin %(name)r.") % {"name": username})
