from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from claims.exports.claims_csv import ClaimsCsv
from claims.exports.download import streamed_download
from claims.exports.export import Export, select_claims
from claims.models import Article, Assignment, Claim, Decision, Evidence, Label, LabelEvent, Profile

# The task queue's own admin speaks English only; a batch's progress page says what became of each file.
admin.site.unregister(DBTaskResult)


class ProfileForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("interface language"),
        choices=[("", _("The browser's language")), *settings.LANGUAGES],
        required=False,
    )

    class Meta:
        model = Profile
        fields = ["language"]


class ProfileInline(admin.StackedInline):
    model = Profile
    form = ProfileForm
    can_delete = False


# Strings of Django 5.2's user admin that its own German catalogue leaves untranslated. Marked here, so that
# `make messages` keeps them in our catalogue, which supplies the German (ours is read after Django's). Not
# the help text of "Password-based authentication": AdminPasswordChangeForm turns it into a plain string
# when Django imports it, before any language is active, so a translation would show in every language.
DJANGO_STRINGS_WITHOUT_GERMAN = [
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("This action will <strong>enable</strong> password-based authentication for this user."),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
]

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class NewsdeskUserAdmin(UserAdmin):
    """Django's user admin, with the reviewer's interface language beside their roles (groups)."""

    inlines = [*UserAdmin.inlines, ProfileInline]


class ClaimInline(admin.TabularInline):
    model = Claim
    fields = ["position", "kind", "text", "start", "end", "duplicate_of"]
    readonly_fields = ["position", "text", "start", "end", "duplicate_of"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "language", "labels_needed", "imported_at", "imported_by"]
    list_filter = ["outlet", "language", "imported_at"]
    search_fields = ["title", "outlet", "author", "source_url"]
    list_select_related = ["imported_by"]
    readonly_fields = ["text", "content_hash", "imported_by", "imported_at"]
    date_hierarchy = "imported_at"
    inlines = [ClaimInline]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "position", "kind", "reference_label"]
    list_filter = ["kind", "reference_label", "article__outlet"]
    search_fields = ["text", "article__title", "source_id"]
    list_select_related = ["article"]
    actions = ["export_as_csv"]
    readonly_fields = [
        "article",
        "position",
        "start",
        "end",
        "text",
        "duplicate_of",
        "source_id",
        "created_at",
    ]

    @admin.action(description=_("Export selected claims as CSV"))
    def export_as_csv(self, request: HttpRequest, queryset) -> StreamingHttpResponse:
        # Staff see everything in the admin, so the file holds every reviewer's labels, as a lead's does.
        return streamed_download(Export(ClaimsCsv(), select_claims(claims=queryset)))


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Leads assign on the desk's assignment page; staff may correct single rows here."""

    list_display = ["article", "reviewer", "assigned_by", "assigned_at"]
    list_filter = ["reviewer", "assigned_at"]
    search_fields = ["article__title", "reviewer__username"]
    list_select_related = ["article", "reviewer", "assigned_by"]
    raw_id_fields = ["article"]
    readonly_fields = ["assigned_by", "assigned_at"]

    def save_model(self, request: HttpRequest, obj: Assignment, form, change: bool) -> None:
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["claim", "reviewer", "value", "updated_at", "version"]
    list_filter = ["value", "reviewer", "updated_at"]
    search_fields = ["claim__text", "reviewer__username", "note"]
    list_select_related = ["claim", "reviewer"]
    raw_id_fields = ["claim"]
    readonly_fields = ["created_at", "version"]

    def save_model(self, request, obj, form, change) -> None:
        # A staff edit is a new version too, so a desk page opened before it cannot overwrite it unseen.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["url", "stance", "claim", "added_by", "added_at"]
    list_filter = ["stance", "added_by", "added_at"]
    search_fields = ["url", "title", "note", "claim__text"]
    list_select_related = ["claim", "added_by"]
    raw_id_fields = ["claim"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change) -> None:
        # A staff edit is a new version too, so a desk page opened before it cannot overwrite it unseen.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(LabelEvent)
class LabelEventAdmin(admin.ModelAdmin):
    """The history is append-only: nobody edits or deletes it here either."""

    list_display = ["claim", "reviewer", "old_value", "new_value", "at"]
    list_filter = ["new_value", "reviewer", "at"]
    search_fields = ["claim__text", "reviewer__username"]
    list_select_related = ["claim", "reviewer"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Leads decide on the disputes page; the decisions are history, which nobody edits or deletes here."""

    list_display = ["claim", "value", "decided_by", "decided_at"]
    list_filter = ["value", "decided_by", "decided_at"]
    search_fields = ["claim__text", "decided_by__username", "reason"]
    list_select_related = ["claim", "decided_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
