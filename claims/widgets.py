"""Form widgets for menus whose options are data (outlets, people), not interface words."""

from __future__ import annotations

from django import forms


class DataSelect(forms.Select):
    """A menu of names from the database: each option carries dir="auto", so a right-to-left name is shown
    the right way round and is marked as data, not as a word of the interface (the empty choice stays one)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in ("", None):
            option["attrs"]["dir"] = "auto"
        return option
