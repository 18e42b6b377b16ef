from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Fact-check desk")

    def ready(self) -> None:
        from claims import languages  # noqa: F401  (connects the login receiver)
