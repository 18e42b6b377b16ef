"""What a logical line of an article is: heading, boilerplate (bylines, credits, navigation) or text.

Plain string tests, no spaCy and no Django; `claims.segmentation.units` applies them in reading order.
"""

from __future__ import annotations

from claims.segmentation.rules import CLOSERS, DATE_LINE, SPACE

CLAIM = "claim"
HEADING = "heading"
BOILERPLATE = "boilerplate"
LIST_ITEM = "list-item"
KINDS = (CLAIM, HEADING, BOILERPLATE, LIST_ITEM)
LABELLED_KINDS = (CLAIM, LIST_ITEM)

NAVIGATION = frozenset(
    [
        "mehr zum thema",
        "lesen sie auch",
        "lesen sie mehr",
        "auch interessant",
        "mehr dazu",
        "weiterlesen",
        "mehr lesen",
        "zum thema",
        "teilen",
        "artikel teilen",
        "drucken",
        "anzeige",
        "werbung",
        "newsletter",
        "abonnieren sie unseren newsletter",
        "zur startseite",
        "hier klicken",
    ]
)
NAVIGATION_PREFIXES = (
    "mehr zum thema:",
    "lesen sie auch:",
    "lesen sie mehr:",
    "auch interessant:",
    "mehr dazu:",
)
END_MARKERS = frozenset(
    [
        "das könnte sie auch interessieren",
        "das könnte ihnen auch gefallen",
        "das könnte dich auch interessieren",
        "das könnte dir auch gefallen",
        "weitere artikel",
        "ähnliche artikel",
        "empfohlene artikel",
        "mehr aus diesem ressort",
        "weitere nachrichten",
        "meistgelesen",
        "kommentare",
        "leserkommentare",
        "back to top",
        "nach oben",
        "zurück nach oben",
    ]
)
BYLINE_PREFIXES = (
    ("von",),
    ("text:",),
    ("autor:",),
    ("autorin:",),
    ("ein", "kommentar", "von"),
    ("eine", "analyse", "von"),
    ("gastbeitrag", "von"),
)
NAME_PARTICLES = ("und", "von", "van", "de", "der", "da")
SOURCE_NOTE_PREFIXES = ("mit material von", "quelle:", "quellen:", "mitarbeit:")
DATE_LINE_PREFIXES = ("aktualisiert", "veröffentlicht", "erstellt", "stand:", "zuletzt aktualisiert")
CREDIT_PREFIXES = (
    "foto:",
    "fotos:",
    "foto ©",
    "bild:",
    "bilder:",
    "bildquelle:",
    "titelbild:",
    "symbolbild:",
    "grafik:",
    "video:",
    "©",
    "(c) ",
    "copyright",
)


def _normalised(text: str) -> str:
    return text.lower().strip().rstrip(":.").strip()


def is_url(text: str) -> bool:
    bare = text.replace("\n", "").strip("<>")  # a wrapper may have broken a long URL
    return bare.startswith(("http://", "https://", "www.")) and not any(c in SPACE for c in bare)


def is_navigation(text: str) -> bool:
    lowered = text.lower()
    return _normalised(text) in NAVIGATION or (len(text) <= 200 and lowered.startswith(NAVIGATION_PREFIXES))


def is_end_marker(text: str) -> bool:
    return len(text) <= 60 and _normalised(text) in END_MARKERS


def is_credit(text: str) -> bool:
    return len(text) <= 200 and (text.lower().startswith(CREDIT_PREFIXES) or "©" in text)


def is_source_note(text: str) -> bool:
    """ "Mit Material von dpa und AFP", "Quelle: Reuters"."""
    return len(text) <= 120 and text.lower().startswith(SOURCE_NOTE_PREFIXES)


def is_byline(text: str) -> bool:
    """ "7. Januar 2026 | Martin Jay", "Von Pepe Escobar", "Von\\nThomas Schmidt", "4 Minuten Lesezeit"."""
    if len(text) > 100 or text[-1] in ".!?:":
        return False
    if DATE_LINE.match(text) or ("|" in text and DATE_LINE.search(text)):
        return True
    lowered = text.lower()
    if (lowered.startswith(DATE_LINE_PREFIXES) or len(text) <= 40) and DATE_LINE.search(text):
        return True  # "Aktualisiert am 14. September 2025, 18:40 Uhr", "Montag, 7. Januar 2026"
    if "Lesezeit" in text or "Lesedauer" in text:
        return len(text) <= 40
    words = text.split()
    for prefix in BYLINE_PREFIXES:
        if tuple(word.lower() for word in words[: len(prefix)]) == prefix:
            words = words[len(prefix) :]
            break
    else:
        return False
    # the author's name: one to five capitalised words, "und" between two authors
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w in NAME_PARTICLES for w in words)


def is_heading(text: str) -> bool:
    """A short line without sentence-final punctuation; a question only if it reads as a title.

    Hard-wrapped text may have carried the heading over two lines.
    """
    if len(text) > 150 or text[0].islower() or text.count("\n") > 1:
        return False
    tail = text.rstrip(CLOSERS)
    if not tail:
        return False
    last = tail[-1]
    if last in ".!;:,…-–":
        return False
    if last == "?":
        return len(text) <= 100 and (":" in text or " – " in text or text.count("?") >= 2)
    return True


def ends_like_a_sentence(text: str) -> bool:
    return len(text) >= 2 and text[-1] == "." and text[-2].isalpha()
