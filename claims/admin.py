from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from claims.exports.claims_csv import ClaimsCsv
from claims.exports.download import streamed_download
from claims.exports.export import Export, select_claims
from claims.models import Article, Claim, Evidence, Label, LabelEvent, Profile


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
    list_display = ["title", "outlet", "language", "imported_at", "imported_by"]
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


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["claim", "reviewer", "value", "updated_at", "version"]
    list_filter = ["value", "reviewer", "updated_at"]
    search_fields = ["claim__text", "reviewer__username", "note"]
    list_select_related = ["claim", "reviewer"]
    raw_id_fields = ["claim"]
    readonly_fields = ["created_at", "version"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["url", "stance", "claim", "added_by", "added_at"]
    list_filter = ["stance", "added_by", "added_at"]
    search_fields = ["url", "title", "note", "claim__text"]
    list_select_related = ["claim", "added_by"]
    raw_id_fields = ["claim"]


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
