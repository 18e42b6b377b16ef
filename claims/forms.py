from __future__ import annotations

from django import forms
from django.conf import settings

from claims import importing
from claims.models import URL_MAX_LENGTH, Evidence, http_url_validator


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
        max_length=500, required=False, help_text="Taken from the first heading if empty."
    )
    source_url = forms.URLField(
        label="Source URL",
        max_length=URL_MAX_LENGTH,
        required=False,
        validators=[http_url_validator],
        assume_scheme="https",
    )
    text = forms.CharField(
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        required=False,
        strip=False,
    )
    files = MultipleFileField(
        required=False,
        widget=MultipleFileInput(attrs={"accept": ",".join(importing.ARTICLE_SUFFIXES)}),
        help_text=(
            f"Plain text, Markdown, HTML or CLEF CheckThat! TSV ({importing.ARTICLE_SUFFIX_LIST}); "
            "several files at once."
        ),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text.encode("utf-8")) > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"The text is longer than {settings.IMPORT_MAX_BYTES // 1024:,} KB; upload it as a file."
            )
        return text

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > settings.IMPORT_MAX_FILES:
            raise forms.ValidationError(f"Upload at most {settings.IMPORT_MAX_FILES} files at once.")
        return files

    def clean(self) -> dict:
        cleaned = super().clean()
        has_text = bool(cleaned.get("text", "").strip())
        has_files = bool(cleaned.get("files"))
        if not self.errors and not has_text and not has_files:
            raise forms.ValidationError("Paste an article's text or choose at least one file.")
        if has_text and has_files:
            raise forms.ValidationError("Paste a text or upload files, not both at once.")
        return cleaned


class EvidenceForm(forms.ModelForm):
    """A link that supports, refutes or gives context to a claim; http(s) only, checked here and on render."""

    url = forms.URLField(
        label="Link",
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

    def __init__(self, *args, claim=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.claim = claim or self.instance.claim
        self.fields["title"].required = False
        self.fields["note"].required = False

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        duplicates = Evidence.objects.filter(claim=self.claim, url=url).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError("This link is already evidence for this claim.")
        return url
