from __future__ import annotations

import unicodedata
from datetime import datetime, time

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from claims import importing, roles, search
from claims.models import (
    GUIDELINES_MAX_LENGTH,
    GUIDELINES_NOTE_MAX_LENGTH,
    LABELS_NEEDED_MAX,
    NOTE_MAX_LENGTH,
    URL_MAX_LENGTH,
    Article,
    Evidence,
    GuidelineVersion,
    Label,
    http_url_validator,
    language_tag_validator,
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


class ImportForm(forms.Form):
    """Paste one article, or upload one or more files; the same rules as `manage.py import_articles`."""

    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        required=False,
        help_text=_("Taken from the first heading if empty."),
    )
    source_url = forms.URLField(
        label=_("Source URL"),
        max_length=URL_MAX_LENGTH,
        required=False,
        validators=[http_url_validator],
        assume_scheme="https",
    )
    text = forms.CharField(
        label=_("Article text"),
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        required=False,
        strip=False,
    )
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(importing.ARTICLE_SUFFIXES)}),
        help_text=format_lazy(
            _("Plain text, Markdown, HTML or CLEF CheckThat! TSV ({types}); several files at once."),
            types=importing.ARTICLE_SUFFIX_LIST,
        ),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text.encode("utf-8")) > settings.IMPORT_MAX_BYTES:
            limit = number_format(settings.IMPORT_MAX_BYTES // 1024, force_grouping=True)
            raise forms.ValidationError(
                _("The text is longer than %(limit)s KB; upload it as a file."), params={"limit": limit}
            )
        return text

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > settings.IMPORT_MAX_FILES:
            raise forms.ValidationError(
                _("Upload at most %(limit)s files at once."), params={"limit": settings.IMPORT_MAX_FILES}
            )
        return files

    def clean(self) -> dict:
        cleaned = super().clean()
        has_text = bool(cleaned.get("text", "").strip())
        has_files = bool(cleaned.get("files"))
        if not self.errors and not has_text and not has_files:
            raise forms.ValidationError(_("Paste an article's text or choose at least one file."))
        if has_text and has_files:
            raise forms.ValidationError(_("Paste a text or upload files, not both at once."))
        return cleaned


class GermanDateInput(forms.DateInput):
    """A date typed as the desk writes it (07.05.2026; 2026-05-07 is taken too). Not type="date": the
    browser's date field takes the keyboard focus into parts of its own that show no focus ring."""

    def __init__(self) -> None:
        super().__init__(
            format="%d.%m.%Y", attrs={"placeholder": _("DD.MM.YYYY"), "inputmode": "numeric", "size": 10}
        )


# Publication dates a desk meets; outside them, time-zone arithmetic overflows (year 1, year 9999).
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200


def _plausible_day(day):
    if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise forms.ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
        )


class PublicationDateField(forms.DateField):
    """A publication date, optional: typed as the desk writes it or as ISO, within the plausible years."""

    widget = GermanDateInput
    input_formats = ["%d.%m.%Y", "%Y-%m-%d"]
    default_validators = [_plausible_day]

    def __init__(self, *, label: str, **kwargs) -> None:
        super().__init__(label=label, required=False, **kwargs)


class ArticleDetailsForm(forms.Form):
    """A reviewer's correction of what the import read about an article: title, outlet, author, publication
    date and language. `version` is the article's version the form was loaded at (Article.edit_details)."""

    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.TextInput(attrs={"dir": "auto"}))
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)
    author = forms.CharField(label=_("Author"), max_length=300, required=False)
    published = PublicationDateField(label=_("Published on"))
    language = forms.CharField(
        label=_("Language of the text"),
        max_length=16,
        validators=[language_tag_validator],
        help_text=_("A language tag such as de, en or de-AT."),
    )
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, article: Article, **kwargs) -> None:
        self.article = article
        published = article.published_at and timezone.localtime(article.published_at).date()
        initial = {
            "title": article.title,
            "outlet": article.outlet,
            "author": article.author,
            "published": published,
            "language": article.language,
            "version": article.version,
        }
        super().__init__(*args, initial=initial, **kwargs)

    def details(self) -> dict:
        """The cleaned values as Article fields. A date that is the one shown keeps the time the page gave."""
        data = self.cleaned_data
        published_at = None
        if data["published"] is not None:
            published_at = self.article.published_at
            if published_at is None or timezone.localtime(published_at).date() != data["published"]:
                published_at = timezone.make_aware(datetime.combine(data["published"], time()))
        return {
            "title": data["title"],
            "outlet": data["outlet"],
            "author": data["author"],
            "published_at": published_at,
            "language": data["language"],
        }


class PublicationFilterForm(forms.Form):
    """The article list's publication-date filter and sort order; a date that is not one is reported on the
    form, not ignored (the other filters: ArticleFilterForm)."""

    published_from = PublicationDateField(label=_("Published from"))
    published_to = PublicationDateField(label=_("to"))
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("", _("Assigned to me first, then newest import")),
            ("published", _("Newest publication first")),
            ("published_asc", _("Oldest publication first")),
        ],
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The first date is after the second."))
        return cleaned


class ArticleFilterForm(forms.Form):
    """The filters of the article list and of the assignment page. Every request parameter that reaches a
    query goes through a form: its CharFields refuse a NUL, which PostgreSQL cannot store or compare (a 500)
    and SQLite would store. An invalid filter is left out (the view answers 400)."""

    q = forms.CharField(required=False)
    outlet = forms.CharField(required=False, strip=False)
    assigned = forms.BooleanField(required=False)
    todo = forms.BooleanField(required=False)
    disputed = forms.BooleanField(required=False)
    unassigned = forms.BooleanField(required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:200]

    def clean_outlet(self) -> str:
        return self.cleaned_data["outlet"][:200]

    def filters(self) -> dict:
        """Each filter as asked for, or empty where it was invalid."""
        self.is_valid()
        empty = {"q": "", "outlet": ""}
        return {name: self.cleaned_data.get(name, empty.get(name, False)) for name in self.fields}


class DeskWindowForm(forms.Form):
    """Where the article page opens (`claim`), or which of its units it fetches (`after` or `before` a
    position; claims/views/desk_window.py). A value that is not a number in range is ignored, as the page
    ignored an unknown claim: it opens as it would without it."""

    claim = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    # Positions are PositiveIntegerField: 32 bits on every database.
    after = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    before = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1)

    def window(self) -> dict[str, int | None]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields}


class SearchForm(forms.Form):
    """The search page's words and page. Its CharField refuses a NUL (PostgreSQL cannot compare one); a
    query longer than any sensible search is refused with a message, not cut."""

    q = forms.CharField(
        label=_("Words in claims and titles"),
        required=False,
        max_length=search.QUERY_MAX_LENGTH,
        error_messages={
            "max_length": format_lazy(
                _("Search for at most {limit} characters."), limit=search.QUERY_MAX_LENGTH
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto", "autocomplete": "off"}),
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=search.MAX_PAGES,
        error_messages={
            "max_value": format_lazy(
                _("Only the first {limit} pages of matches are shown; narrow the search instead."),
                limit=search.MAX_PAGES,
            )
        },
    )

    def clean_q(self) -> str:
        return unicodedata.normalize("NFC", self.cleaned_data["q"])


class NoteForm(forms.Form):
    """A reviewer's note on their label, saved from the label's version the page showed (Versioned)."""

    note = forms.CharField(required=False, widget=forms.Textarea)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def clean_note(self) -> str:
        note = self.cleaned_data["note"]
        if len(note) > NOTE_MAX_LENGTH:
            raise forms.ValidationError(
                _("The note is longer than %(limit)s characters."),
                params={"limit": number_format(NOTE_MAX_LENGTH, force_grouping=True)},
            )
        return note


class DecisionForm(forms.Form):
    """A lead settles a dispute: the final label, an optional reason, and the decision the lead saw."""

    value = forms.ChoiceField(label=pgettext_lazy("noun", "Label"), choices=Label.Value.choices)
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "dir": "auto"}),
    )
    # The id of the claim's latest decision as the page showed it (0: none), so that a second lead's
    # decision is never overwritten unseen (Claim.decide).
    seen = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class EvidenceForm(forms.ModelForm):
    """A link that supports, refutes or gives context to a claim; http(s) only, checked here and on render."""

    url = forms.URLField(
        label=_("Link"),
        max_length=URL_MAX_LENGTH,
        validators=[http_url_validator],
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://", "autocomplete": "off"}),
    )

    class Meta:
        model = Evidence
        fields = ["url", "stance", "title", "note"]
        widgets = {
            "stance": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
        }

    # The version of the evidence the edit page showed (Versioned); only an edit posts it.
    version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, claim=None, added_by=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim or self.instance.claim
        # Whose evidence this is: the reviewer adding it, or the author of the evidence being edited.
        self.added_by_id = added_by.pk if added_by is not None else self.instance.added_by_id
        self.fields["title"].required = False
        self.fields["note"].required = False
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version

    def clean_url(self) -> str:
        """A link once per reviewer and claim. Only the author's own evidence is compared: a refusal because
        someone else added the link would tell a reviewer who has not labelled yet what the others found."""
        url = self.cleaned_data["url"]
        duplicates = Evidence.objects.filter(claim=self.claim, url=url, added_by_id=self.added_by_id)
        duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(_("This link is already evidence for this claim."))
        return url


class GuidelinesForm(forms.Form):
    """A lead's new text of the guidelines. `base` is the number of the version the lead started from (0: the
    starter text); saving from anything but the current version is refused (GuidelinesChanged)."""

    text = forms.CharField(
        label=_("Text (Markdown)"),
        max_length=GUIDELINES_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "dir": "auto", "spellcheck": "true"}),
        help_text=_(
            "# Heading, ## Subheading, **bold**, *italic*, - list, [text](https://…) for a link, | table |. "
            "HTML is shown as text; only http(s) links and links within Newsdesk work."
        ),
    )
    note = forms.CharField(
        label=_("What changed (optional)"),
        max_length=GUIDELINES_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    base = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, current: GuidelineVersion | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current = current

    def clean_text(self) -> str:
        # Browsers send a textarea's line ends as CRLF; stored as LF, so the changes page compares lines.
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise forms.ValidationError(_("The guidelines cannot be empty."))
        return text

    def clean(self) -> dict:
        cleaned = super().clean()
        current = self.current
        unchanged = current is not None and cleaned.get("text") == current.text
        if unchanged and cleaned.get("base") == current.number:
            raise forms.ValidationError(
                _("Nothing to save: the text is the same as version %(number)s."),
                params={"number": current.number},
            )
        return cleaned


class AssignForm(forms.Form):
    """Give the chosen articles to the chosen reviewers (each to every one, or spread with an overlap), and
    set how many labels their claims need; or take them away again."""

    EVERY = "every"
    SPREAD = "spread"
    ASSIGN = "assign"
    UNASSIGN = "unassign"

    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.only("pk").order_by("-imported_at", "-pk"),
        label=_("Articles"),
        error_messages={"required": _("Choose at least one article.")},
    )
    reviewers = forms.ModelMultipleChoiceField(
        queryset=roles.desk_members(),
        label=_("Reviewers"),
        error_messages={"required": _("Choose at least one reviewer.")},
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[
            (EVERY, _("Each article to every chosen reviewer")),
            (SPREAD, _("Spread the articles evenly over the chosen reviewers")),
        ],
        initial=EVERY,
        required=False,
        widget=forms.RadioSelect,
    )
    overlap = forms.IntegerField(
        label=_("Reviewers per article"),
        min_value=1,
        max_value=LABELS_NEEDED_MAX,
        initial=2,
        required=False,
        help_text=_("When spreading: how many of the chosen reviewers get each article."),
    )
    labels_needed = forms.IntegerField(
        label=_("Labels needed per claim"),
        min_value=1,
        max_value=LABELS_NEEDED_MAX,
        required=False,
        help_text=_("For the chosen articles. Empty: each keeps its number."),
    )
    action = forms.ChoiceField(choices=[(ASSIGN, _("Assign")), (UNASSIGN, _("Unassign"))], initial=ASSIGN)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("action") != self.ASSIGN:
            return cleaned
        mode = cleaned.get("mode") or self.EVERY
        cleaned["mode"] = mode
        reviewers = cleaned.get("reviewers")
        overlap = cleaned.get("overlap")
        if mode == self.SPREAD and reviewers and "overlap" not in self.errors:
            if overlap is None:
                self.add_error("overlap", _("Say how many reviewers get each article."))
            elif overlap > len(reviewers):
                self.add_error(
                    "overlap",
                    _("At most as many as the reviewers chosen (%(n)s).")
                    % {"n": number_format(len(reviewers))},
                )
        return cleaned
