"""Figures as people read them, in the active language: the page and the command say them alike."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext

from claims.agreement.figures import Figure


def _rounded(value: float, places: int) -> float:
    # round() keeps a sign on zero (-0.001 → -0.0), which would print as "-0,00".
    return round(value, places) + 0.0


def kappa_text(figure: Figure) -> str:
    """A kappa or alpha with two decimals (0,62 in German), or why there is none."""
    if figure.value is None:
        return str(figure.not_computable.label)
    return number_format(_rounded(figure.value, 2), 2)


def share_text(figure: Figure) -> str:
    """A share as a whole percentage (83 % in German), or why there is none."""
    if figure.value is None:
        return str(figure.not_computable.label)
    percent = number_format(_rounded(figure.value * 100, 0), 0)
    return gettext("%(percent)s%%") % {"percent": percent}


def rate_text(figure: Figure) -> str:
    """A rate with one decimal (12,5 in German), or why there is none."""
    if figure.value is None:
        return str(figure.not_computable.label)
    return number_format(_rounded(figure.value, 1), 1)


def count_text(n: int) -> str:
    """A count with the language's thousands separator (25.000 in German), as intcomma writes it."""
    return number_format(n, force_grouping=True)
