"""The Export page's filters and file options; `manage.py export_claims` fills the same form."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims import roles
from claims.exports.export import Export, RowCount, count_rows, select_articles, select_claims
from claims.exports.formats import DEFAULT, FORMATS
from claims.models import Article, Claim, Label
from claims.widgets import DataSelect

# The newest articles the Export page's menu offers.
ARTICLES_OFFERED = 100


class _Menu:
    """The article menu's choices: the newest articles and those already chosen, read when the menu is
    drawn (not for a download or the command)."""

    def __init__(self, articles, chosen: list[int]) -> None:
        self.articles, self.chosen = articles, chosen
        self.offered: list[tuple[int, str]] | None = None  # read once: the form reads its choices twice

    def __iter__(self):
        if self.offered is None:
            offered = list(self.articles[:ARTICLES_OFFERED])
            shown = {article.pk for article in offered}
            if older := [pk for pk in self.chosen if pk not in shown]:
                offered += self.articles.filter(pk__in=older)
            self.offered = [(article.pk, article.title) for article in offered]
        return iter(self.offered)


class ExportForm(forms.Form):
    """The filters of the Export page; `manage.py export_claims` fills it from its arguments."""

    format = forms.ChoiceField(
        label=_("Format"), choices=[(name, f.label) for name, f in FORMATS.items()], required=False
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("Articles"),
        queryset=Article.objects.none(),
        required=False,
        help_text=_(
            "None selected: all articles. The menu offers the 100 newest; the dates choose older ones."
        ),
        widget=forms.SelectMultiple(attrs={"dir": "auto"}),
    )
    outlet = forms.ChoiceField(label=_("Outlet"), required=False, widget=DataSelect)
    imported_from = forms.DateField(
        label=_("Imported from"), required=False, widget=forms.DateInput({"type": "date"})
    )
    imported_to = forms.DateField(
        label=_("Imported until"), required=False, widget=forms.DateInput({"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Label status"), choices=[("", _("Any")), *Claim.Status.choices], required=False
    )
    label = forms.ChoiceField(
        label=pgettext_lazy("noun", "Label"), choices=[("", _("Any")), *Label.Value.choices], required=False
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All reviewers"),
        widget=DataSelect,
        help_text=_("Only this reviewer's labels, notes and evidence, on the claims they labelled."),
    )
    delimiter = forms.ChoiceField(
        label=_("Separator"),
        choices=[(",", _("Comma")), (";", _("Semicolon (German spreadsheet default)"))],
        required=False,
    )
    bom = forms.ChoiceField(
        label=_("Encoding"),
        choices=[("yes", _("UTF-8 with BOM (Excel shows umlauts)")), ("no", _("UTF-8 without BOM"))],
        required=False,
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        """`user=None` is the command line: everything. A reviewer may only pick themselves."""
        super().__init__(*args, **kwargs)
        self.user = user
        articles = self.fields["articles"]
        articles.queryset = Article.objects.only("pk", "title").order_by("-imported_at", "-pk")
        # Any article may be chosen, but the menu offers the newest (a menu of every article of a large
        # desk is megabytes of HTML) and those already chosen; the dates choose older ones.
        chosen = self.data.getlist("articles") if hasattr(self.data, "getlist") else []
        chosen = [int(pk) for pk in chosen[:ARTICLES_OFFERED] if pk.isdigit()]
        articles.widget.choices = _Menu(articles.queryset, chosen)
        self.fields["outlet"].choices = [("", _("All outlets")), *((o, o) for o in Article.objects.outlets())]
        users = get_user_model().objects.order_by("username")
        if user is not None and not roles.is_lead(user):
            users = users.filter(pk=user.pk)
            self.fields["reviewer"].empty_label = _("Me")
        else:
            users = users.filter(
                Q(groups__name__in=[roles.REVIEWERS, roles.LEADS]) | Q(is_staff=True)
            ).distinct()
        self.fields["reviewer"].queryset = users

    FILE_FIELDS = ("format", "delimiter", "bom")

    @property
    def user_is_lead(self) -> bool:
        return self.user is None or roles.is_lead(self.user)

    def claim_fields(self) -> list:
        return [bound for bound in self if bound.name not in self.FILE_FIELDS]

    def file_fields(self) -> list:
        return [bound for bound in self if bound.name in self.FILE_FIELDS]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("imported_from"), cleaned.get("imported_to")
        if start and end and start > end:
            self.add_error("imported_to", _("The end of the date range is before its start."))
        return cleaned

    def _article_filters(self) -> dict:
        """The filters that choose articles, for select_articles() and select_claims() alike."""
        data = self.cleaned_data
        return {name: data[name] for name in ("articles", "outlet", "imported_from", "imported_to")}

    def count_rows(self, export: Export) -> RowCount:
        """The page's count of the file's rows, estimated on a large desk (count_rows)."""
        return count_rows(export, select_articles(**self._article_filters()))

    def export(self) -> Export:
        data = self.cleaned_data
        labels_by = data["reviewer"]
        if labels_by is None and not self.user_is_lead:
            labels_by = self.user
        claims = select_claims(
            **self._article_filters(),
            status=data["status"],
            label=data["label"],
            labels_by=labels_by,
            only_labelled_by=data["reviewer"],
        )
        return Export(
            format=FORMATS[data["format"] or DEFAULT],
            claims=claims,
            labels_by=labels_by,
            delimiter=data["delimiter"] or ",",
            bom=data["bom"] != "no",
        )
