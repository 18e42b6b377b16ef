"""What a logical line of an article is: heading, boilerplate (bylines, credits, navigation) or text.

Plain string tests, no spaCy and no Django; `claims.segmentation.units` applies them in reading order.
"""

from __future__ import annotations

import re

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
        "startseite",
        "hier klicken",
        # what a copy from a news site brings along: share and save buttons, players, ad markers
        "link kopieren",
        "link kopiert",
        "merken",
        "artikel merken",
        "zur merkliste",
        "vorlesen",
        "artikel anhören",
        "artikel vorlesen",
        "audio abspielen",
        "video abspielen",
        "bildergalerie",
        "kommentieren",
        "feedback",
        "weiter nach der anzeige",
        "artikel weiter unten",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "threads",
        "bluesky",
        "linkedin",
        "xing",
        "pinterest",
        "instagram",
        "e-mail",
        "mail",
        "schließen",
        "zum artikel",
        "mehr anzeigen",
    ]
)
NAVIGATION_PREFIXES = (
    "mehr zum thema:",
    "lesen sie auch:",
    "lesen sie mehr:",
    "auch interessant:",
    "mehr dazu:",
    "lesezeit:",
    "lesedauer:",
    "audio:",
    "hören:",
    "teilen auf ",
)
# A heading right after one of these is a link to another article, not a heading of this one.
TEASER_LABELS = frozenset(
    ["mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant", "mehr dazu", "zum thema"]
)
# "Startseite > Regional > Bayern", "Politik › Ausland"
_BREADCRUMB = re.compile(r" [>›»] ")
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
# News agencies, as a copy from a news site names them under the text: "dpa/lby", "AFP/dpa/jm", "(epd)".
_AGENCIES_TEXT = "dpa afp ap reuters rtr kna epd sid dts apa sda ddp dapd ots ans bloomberg xinhua tass efe"
AGENCIES = frozenset(_AGENCIES_TEXT.split())
_AGENCY_TOKENS = re.compile(r"[\w-]+")
# Photo agencies and picture libraries in a credit without a "Foto:" label.
PHOTO_AGENCIES = (
    "picture alliance",
    "picture-alliance",
    "imago",
    "getty images",
    "shutterstock",
    "istock",
    "adobe stock",
    "keystone",
    "dpa-zentralbild",
    "afp via getty",
)
_WEEKDAYS_TEXT = "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag mo di mi do fr sa so"
WEEKDAYS = frozenset(_WEEKDAYS_TEXT.split())
# Words besides the date that a date line may hold: "Montag, 7. Januar 2026, 14:32 Uhr", "Stand: …".
_DATE_LINE_WORDS = WEEKDAYS | frozenset(
    ["uhr", "am", "um", "den", "stand", "|", "-", "–", "/", "mez", "mesz"]
)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
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
    if _normalised(text) in NAVIGATION or (len(text) <= 200 and lowered.startswith(NAVIGATION_PREFIXES)):
        return True
    return is_breadcrumb(text)


def is_breadcrumb(text: str) -> bool:
    """ "Startseite > Regional > Bayern": short parts between arrows, no sentence."""
    if len(text) > 100 or not _BREADCRUMB.search(text) or text[-1] in ".!?":
        return False
    return all(1 <= len(part.split()) <= 3 for part in _BREADCRUMB.split(text))


def is_teaser_label(text: str) -> bool:
    return _normalised(text) in TEASER_LABELS


def is_agency_note(text: str) -> bool:
    """ "dpa/lby", "AFP/dpa/jm", "(epd)": news agencies and the editors' initials, nothing else."""
    if len(text) > 40:
        return False
    tokens = _AGENCY_TOKENS.findall(text.lower())
    if not tokens or not any(token in AGENCIES for token in tokens):
        return False
    leftover = text.lower()
    for token in tokens:
        leftover = leftover.replace(token, "", 1)
    return (
        all(token in AGENCIES or len(token) <= 4 for token in tokens)
        and not any(c.isalnum() for c in leftover)
        and all(c in "/,|() &+.-" or c in SPACE for c in leftover)
    )


def is_end_marker(text: str) -> bool:
    return len(text) <= 60 and _normalised(text) in END_MARKERS


def is_credit(text: str) -> bool:
    if len(text) > 200:
        return False
    lowered = text.lower()
    if lowered.startswith(CREDIT_PREFIXES) or "©" in text:
        return True
    # "picture alliance/dpa/Kay Nietfeld": a picture library's name on a short line that is no sentence
    return len(text) <= 120 and text[-1] not in ".!?:" and any(agency in lowered for agency in PHOTO_AGENCIES)


def is_source_note(text: str) -> bool:
    """ "Mit Material von dpa und AFP", "Quelle: Reuters"."""
    return len(text) <= 120 and text.lower().startswith(SOURCE_NOTE_PREFIXES)


def is_byline(text: str) -> bool:
    """ "7. Januar 2026 | Martin Jay", "Von Pepe Escobar", "Von\\nThomas Schmidt", "4 Minuten Lesezeit"."""
    if len(text) > 100 or text[-1] in ".!?:":
        return False
    lowered = text.lower()
    if "|" in text and DATE_LINE.search(text):
        return True
    if lowered.startswith(DATE_LINE_PREFIXES) and (DATE_LINE.search(text) or _TIME.search(text)):
        return True  # "Aktualisiert am 14. September 2025, 18:40 Uhr", "Stand: 14:32 Uhr"
    if len(text) <= 60 and DATE_LINE.search(text) and is_date_line(text):
        return True  # "Montag, 7. Januar 2026", "Düsseldorf, 3. Juli 2025"
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


def is_date_line(text: str) -> bool:
    """A date and nothing else that says something: a weekday, a time, "Uhr", or a place before a comma
    ("Düsseldorf, 3. Juli 2025"). "Wahltag am 14. September 2025" says what happens then: no date line."""
    rest = DATE_LINE.sub(" ", text)
    rest = _TIME.sub(" ", rest)
    words = rest.replace(",", " , ").split()
    for i, word in enumerate(words):
        bare = word.lower().strip("()")
        if bare in _DATE_LINE_WORDS or bare == "," or not any(c.isalnum() for c in bare):
            continue
        if i == 0 and len(words) > 1 and words[1] == "," and word[0].isupper():
            continue  # the place of a dateline
        return False
    return True


_PHONE = re.compile(r"\bTel\.|\bTelefon\b")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
SERVICE_PREFIXES = (
    "hier geht es",
    "hier geht's",
    "hier gehts",
    "hier finden sie",
    "hier können sie",
    "hier lesen sie",
    "hier gibt es",
    "tickets:",
    "tickets gibt es",
    "tickets unter",
    "tickets sind unter",
    "tickets sind erhältlich",
    "karten:",
    "karten gibt es",
    "karten unter",
    "karten sind erhältlich",
    "anmeldung:",
    "anmeldung unter",
    "infos:",
    "infos unter",
    "weitere infos:",
    "weitere infos unter",
    "weitere informationen:",
    "weitere informationen unter",
    "mehr informationen:",
    "mehr informationen unter",
    "kontakt:",
    "download:",
    "zum download",
    "zum herunterladen",
)
# Words that make a sentence with a link a pointer to it ("… gibt es unter www…", "… ist hier abrufbar").
_POINTER_WORDS_TEXT = """
unter hier abrufbar nachzulesen nachlesen erhältlich herunterladen download finden gibt bestellen anmelden
anmeldung tickets karten infos informationen kontakt zusammengestellt veröffentlicht
"""
_POINTER_WORDS = frozenset(_POINTER_WORDS_TEXT.split())


_LINK_WORDS = _POINTER_WORDS | frozenset(["formular", "link", "website", "webseite", "seite", "online"])


def points_to(text: str) -> bool:
    """Whether a lead-in points to the link after it: "ist hier abrufbar:", "über ein Formular prüfen:"."""
    return any(word.strip(".,:;()").lower() in _LINK_WORDS for word in text.split())


def is_service(text: str) -> bool:
    """A service line: it sends the reader to a ticket sale, a download, a form or a contact ("Tickets gibt
    es unter www…", "Quellen als PDF.", "Anmeldung unter …@…", "Hier geht es zum Livestream.")."""
    if len(text) > 250:
        return False
    if text[:40].lower().lstrip("„»«\"'(").startswith(SERVICE_PREFIXES):
        return True
    if "PDF" in text and len(text.split()) <= 10:
        return True  # "Quellen als PDF.", "Die Studie zum Herunterladen (PDF, 2,4 MB)"
    if not ("http" in text or "www." in text or "@" in text or "Tel" in text):
        return False  # (str's `in` is fast; most sentences stop here)
    links = _LINK.findall(text)
    if not links and _PHONE.search(text) is None:
        return False
    rest = _LINK.sub(" ", text)
    rest_words = [w.strip(".,:;()").lower() for w in rest.split()]
    return len(rest_words) <= 4 or any(word in _POINTER_WORDS for word in rest_words)


_QUOTES = '„“”»«"'
_NO_HEADING_START = frozenset(
    ["und", "aber", "doch", "oder", "denn", "also", "nur", "na", "ja", "nein", "so"]
)
_ANAPHORA = frozenset(["das", "es", "dies", "dabei", "damit", "davon", "dafür", "darauf", "daran", "dazu"])


def is_question_heading(text: str) -> bool:
    """A question that can be a sub-head: one sentence of four words or more, no quotation, and neither
    opening with a conjunction ("Und wer zahlt?") nor ending in a word that points back ("Wem nützt das?")."""
    if len(text) > 100 or not text.endswith("?") or not text[0].isupper() or any(c in _QUOTES for c in text):
        return False
    words = text[:-1].split()
    if len(words) < 4 or words[0].lower() in _NO_HEADING_START or words[-1].lower() in _ANAPHORA:
        return False
    return not any(c in ".!?" for c in text[:-1].replace("...", ""))


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
