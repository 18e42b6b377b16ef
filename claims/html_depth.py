"""How deep an HTML5 tree builder would nest a document, estimated in one linear pass before it is parsed.

The HTML5 tree builder (lexbor) checks the stack of open elements for most start and end tags ("is there a
`p` in button scope?"), so its time grows with depth times tags: 100,000 nested `<div>` take minutes
(bench/nested_html.py). Browsers cap the depth (Blink at 512); lexbor does not, so the import refuses a
document before lexbor sees it if this estimate passes the limit.

The estimate must never be much lower than the depth lexbor builds, whatever an adversary writes, or the cap
could be walked around; it may be higher for odd markup, which then is refused. So it follows the HTML5
tokenizer exactly where that decides what is a tag at all (comments, quoted attributes, the raw text of
`<script>` with its escapes, `<style>`, `<textarea>` ...) and the tree builder roughly, erring high:
- every start tag of an element that can hold others is pushed, except `p`, `li`, `dt`, `dd`, `option` and
  the table parts, which the tree builder closes by themselves (so at most a few levels per pushed one);
- an end tag pops only its own element on top, or, for the containers below, everything above it up to a
  scope boundary (as the tree builder does); an end tag that may sit inside a comment is ignored;
- formatting elements (`<b>`, `<font>` ...) popped by another element's end tag still count: the tree
  builder reopens them at the next tag ("reconstruct the active formatting elements");
- SVG and MathML (`<path/>` closes itself there) and the tags that break out of them are followed.
tests/security/test_html_depth_estimate.py checks it against lexbor on generated tag soups.
"""

from __future__ import annotations

import re
from collections import Counter


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements that never hold others: no end tag, and `/>` changes nothing.
VOID = _names(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr"
)
# Closed by the tree builder when the next of their kind (or a table part) starts, so they nest only through
# an element that is counted: never pushed themselves.
SELF_CLOSING_KINDS = _names("p option tbody thead tfoot tr colgroup")
TABLE_PARTS = _names("caption colgroup tbody thead tfoot tr td th")
CELLS = frozenset({"td", "th", "caption"})
# Their content is text up to their own end tag (RCDATA and RAWTEXT); <noscript> is not, since the parser
# runs with scripting off, and <script> has escapes of its own.
RAW_TEXT = _names("style textarea title xmp iframe noembed noframes")
FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")
# An end tag of one of these pops everything above it, up to a scope boundary, as the tree builder does.
CONTAINERS = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "header hgroup listing main menu nav ol pre search section summary ul li dd dt"
)
SCOPE_BOUNDARIES = _names(
    "applet caption html table td th marquee object template select button "
    "foreignobject desc title mi mo mn ms mtext annotation-xml"
)
LIST_ITEM_BOUNDARIES = SCOPE_BOUNDARIES | {"ol", "ul"}
TABLE_BOUNDARIES = frozenset({"html", "template"})
# The HTML standard's "special" elements, where a new <li>, <dd> or <dt> stops looking for one to close.
SPECIAL = _names(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 "
    "h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav "
    "noembed noframes noscript object ol p param plaintext pre script search section select source style "
    "summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp"
)
# Start tags that leave SVG or MathML content (and <font> with one of these attributes).
BREAKOUT = _names(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
)
FONT_BREAKOUT_ATTRIBUTES = frozenset({"color", "face", "size"})
SVG_HTML_POINTS = frozenset({"foreignobject", "desc", "title"})
MATHML_TEXT_POINTS = frozenset({"mi", "mo", "mn", "ms", "mtext"})
# Start tags the builder treats specially; any other is pushed as it is (outside SVG and MathML).
_NOT_PLAIN = (
    VOID
    | SELF_CLOSING_KINDS
    | TABLE_PARTS
    | RAW_TEXT
    | {"li", "dd", "dt", "svg", "math", "script", "plaintext", "frameset"}
)
# How far down the stack an end tag or a new list item looks; past it the estimate only stays high.
LOOK_DOWN = 64

_WS = "\t\n\f\r "
# The next markup token: a comment, another "<!" or "<?" (a bogus comment or a doctype), a whole end or start
# tag with its attributes (a quoted value may hold ">"), or a tag the end of the file cuts off. Possessive
# quantifiers, so a long run of blanks or an unclosed quote costs one pass.
_ATTRIBUTES = (
    rf"(?:[{_WS}]++|/(?!>)|[^{_WS}/>][^{_WS}/=>]*+"
    rf"""(?:[{_WS}]*+=[{_WS}]*+(?:"[^"]*+"|'[^']*+'|[^{_WS}>"'][^{_WS}>]*+)?)?)*+"""
)
_TOKEN = re.compile(
    rf"""<(?:
    (?P<comment>!--)
    |(?P<bogus>[!?]|/(?![A-Za-z>]))
    |/(?P<end>[A-Za-z][^{_WS}/>]*+){_ATTRIBUTES}>
    |(?P<start>[A-Za-z][^{_WS}/>]*+)(?P<attributes>{_ATTRIBUTES})(?P<closed>/?)>
    |(?P<cut>/?[A-Za-z])
    )""",
    re.VERBOSE,
)
_ATTRIBUTE_NAME = re.compile(rf"(?:^|[{_WS}/])([^{_WS}/>=\"'][^{_WS}/=>]*)")
_ENCODING = re.compile(
    r"encoding\s*=\s*[\"']?\s*(text/html|application/xhtml\+xml)", re.ASCII | re.IGNORECASE
)
_COMMENT_END = re.compile(r"--!?>")
_SCRIPT_TOKENS = re.compile(rf"<!--|-->|</script(?=[{_WS}/>])|<script(?=[{_WS}/>])", re.ASCII | re.IGNORECASE)


# An open element: its name, its namespace ("html", "svg" or "math"), and whether its children are SVG or
# MathML (not at an HTML integration point), where `/>` closes an element.
_Element = tuple[str, str, bool]


def _lower(name: str) -> str:
    """ASCII lower case, as the tokenizer folds tag names."""
    return name.lower() if name.isascii() else "".join(c.lower() if c.isascii() else c for c in name)


def _comment_end(html: str, start: int) -> int:
    """Where a comment that opens at `start` ("<!--") ends, as the HTML5 tokenizer sees it."""
    body = start + 4
    if html.startswith(">", body):
        return body + 1
    if html.startswith("->", body):
        return body + 2
    found = _COMMENT_END.search(html, body)
    return found.end() if found else len(html)


def _script_end(html: str, start: int) -> int:
    """Where the text of a <script> that starts at `start` ends (the start of its end tag), following the
    tokenizer's escaped and double-escaped states: `<!--<script></script>` does not end it."""
    state, pos = "data", start
    while True:
        found = _SCRIPT_TOKENS.search(html, pos)
        if found is None:
            return len(html)
        mark = found.group().lower()
        pos = found.end()
        if state == "data":
            if mark == "<!--":
                state = "escaped"
                dashes = pos
                while html.startswith("-", dashes):
                    dashes += 1
                if html.startswith(">", dashes):
                    state, pos = "data", dashes + 1
            elif mark == "</script":
                return found.start()
        elif state == "escaped":
            if mark == "-->":
                state = "data"
            elif mark == "</script":
                return found.start()
            elif mark == "<script":
                state = "double"
        elif mark == "-->":  # double escaped
            state = "data"
        elif mark == "</script":
            state = "escaped"


_RAW_ENDS = {name: re.compile(rf"</{name}(?=[{_WS}/>])", re.ASCII | re.IGNORECASE) for name in RAW_TEXT}


def _raw_end(html: str, name: str, start: int) -> int:
    found = _RAW_ENDS[name].search(html, start)
    return found.start() if found else len(html)


def _attribute_names(attributes: str) -> set[str]:
    return {_lower(m.group(1)) for m in _ATTRIBUTE_NAME.finditer(attributes)}


def _breaks_out(name: str, attributes: str) -> bool:
    if name == "font":
        return bool(FONT_BREAKOUT_ATTRIBUTES & _attribute_names(attributes))
    return name in BREAKOUT


class _Builder:
    """The stack of open elements, roughly as the tree builder keeps it; see the module's docstring."""

    def __init__(self) -> None:
        self.stack: list[_Element] = []
        # Formatting elements popped by another element's end tag, which the tree builder reopens.
        self.reopened: Counter[str] = Counter()
        self.reopened_total = 0
        self.deepest = 0

    def push(self, element: _Element) -> None:
        self.stack.append(element)
        depth = len(self.stack) + self.reopened_total
        if depth > self.deepest:
            self.deepest = depth

    def pop_to(self, index: int) -> None:
        """Pop the element at `index` and all above it. Formatting elements among them stay counted, since
        the tree builder reopens them, unless a table cell held them (closing it forgets them)."""
        for name, namespace, _foreign in self.stack[index:]:
            if namespace == "html":
                if name in CELLS:
                    break  # everything above is inside the cell
                if name in FORMATTING:
                    self.reopened[name] += 1
                    self.reopened_total += 1
        del self.stack[index:]

    def find(self, names: frozenset[str] | set[str], *, boundaries: frozenset[str]) -> int | None:
        """The topmost open HTML element named one of `names` that no scope boundary covers."""
        stack = self.stack
        for index in range(len(stack) - 1, max(-1, len(stack) - 1 - LOOK_DOWN), -1):
            name, namespace, _foreign = stack[index]
            if namespace == "html" and name in names:
                return index
            if name in boundaries:
                return None
        return None

    def leave_foreign(self) -> None:
        # An SVG or MathML element at the top whose children are HTML (an integration point) stays.
        stack = self.stack
        while stack and stack[-1][2] and stack[-1][1] != "html":
            stack.pop()

    def start(self, name: str, attributes: str, self_closing: bool) -> bool:
        """Push a start tag; returns whether it was taken as HTML (so <script> and <style> hold text)."""
        stack = self.stack
        if stack and stack[-1][2]:
            if not _breaks_out(name, attributes):
                if not self_closing:
                    namespace = name if name in {"svg", "math"} else stack[-1][1]
                    self.push((name, namespace, _foreign_children(name, namespace, attributes)))
                return False
            self.leave_foreign()
        if name in VOID or name in SELF_CLOSING_KINDS:
            if name in TABLE_PARTS:
                self._close_cell()
            return True
        if name in {"li", "dd", "dt"}:
            self._close_list_item({"li"} if name == "li" else {"dd", "dt"})
        elif name in CELLS:
            self._close_cell()
        elif name in {"svg", "math"}:
            if not self_closing:
                self.push((name, name, True))
            return True
        self.push((name, "html", False))
        return True

    def _close_cell(self) -> None:
        table = self.find({"table"}, boundaries=TABLE_BOUNDARIES)
        if table is not None:
            self.pop_to(table + 1)

    def _close_list_item(self, names: set[str]) -> None:
        stack = self.stack
        for index in range(len(stack) - 1, max(-1, len(stack) - 1 - LOOK_DOWN), -1):
            name, namespace, _foreign = stack[index]
            if namespace == "html" and name in names:
                self.pop_to(index)
                return
            if namespace != "html" or (name in SPECIAL and name not in {"address", "div", "p"}):
                return

    def end(self, name: str) -> None:
        stack = self.stack
        if stack and stack[-1][2]:
            # An end tag in SVG or MathML closes the nearest foreign element of its name.
            for index in range(len(stack) - 1, max(-1, len(stack) - 1 - LOOK_DOWN), -1):
                open_name, namespace, _foreign = stack[index]
                if namespace == "html":
                    break
                if open_name == name:
                    del stack[index:]
                    return
            if name in {"p", "br"}:
                self.leave_foreign()
                return
        if stack and stack[-1][0] == name and stack[-1][1] == "html":
            stack.pop()
            return
        if name in FORMATTING and self.reopened[name]:
            self.reopened[name] -= 1
            self.reopened_total -= 1
            return
        if name == "table":
            index = self.find({"table"}, boundaries=TABLE_BOUNDARIES)
        elif name == "li":
            index = self.find({"li"}, boundaries=LIST_ITEM_BOUNDARIES)
        elif name in CONTAINERS:
            index = self.find({name}, boundaries=SCOPE_BOUNDARIES)
        else:
            index = None
        if index is not None:
            self.pop_to(index)


def _foreign_children(name: str, namespace: str, attributes: str) -> bool:
    """Whether the children of a new SVG or MathML element are SVG or MathML again."""
    if namespace == "svg":
        return name not in SVG_HTML_POINTS
    if name in MATHML_TEXT_POINTS:
        return False
    if name == "annotation-xml":
        return _ENCODING.search(attributes) is None
    return True


def nesting_depth(html: str, *, stop_above: int | None = None) -> int:
    """The deepest the stack of open elements gets while `html` is parsed, estimated high (see above).
    With `stop_above`, the scan ends as soon as the estimate passes it."""
    builder = _Builder()
    if html.count("<") <= (stop_above or 0):
        return 0  # too few tags to pass the limit: each pushes one element at most
    limit = len(html) if stop_above is None else stop_above
    search, pos, size, stack = _TOKEN.search, 0, len(html), builder.stack
    # End tags before this position may be inside a CDATA section: they pop nothing.
    quiet_until = 0
    raw_text_holds = True
    while builder.deepest <= limit:
        token = search(html, pos)
        if token is None:
            break
        kind = token.lastgroup
        if kind == "start" or kind == "closed" or kind == "attributes":
            name = token.group("start")
            name = name.lower() if name.isascii() else _lower(name)
            pos = token.end()
            if name not in _NOT_PLAIN and not (stack and stack[-1][2]):
                # The common case, an HTML element that holds others, pushed here for speed.
                stack.append((name, "html", False))
                if len(stack) + builder.reopened_total > builder.deepest:
                    builder.deepest = len(stack) + builder.reopened_total
                continue
            if not builder.start(name, token.group("attributes"), token.group("closed") == "/"):
                continue
            if name == "frameset":
                # A frameset ignores <style> and <script>, so from here on their text is read as markup.
                raw_text_holds = False
            elif not raw_text_holds:
                pass
            elif name == "script":
                pos = _script_end(html, pos)
            elif name in RAW_TEXT:
                pos = _raw_end(html, name, pos)
            elif name == "plaintext":
                break
        elif kind == "end":
            pos = token.end()
            if pos > quiet_until:
                name = token.group("end")
                name = name.lower() if name.isascii() else _lower(name)
                if stack and stack[-1] == (name, "html", False):
                    stack.pop()
                else:
                    builder.end(name)
        elif kind == "comment":
            pos = _comment_end(html, token.start())
        elif kind == "bogus":
            if html.startswith("<![CDATA[", token.start()):
                # Text up to "]]>" in SVG or MathML, a comment up to ">" elsewhere: start tags after the
                # ">" count, end tags before the "]]>" do not.
                close = html.find("]]>", token.start())
                quiet_until = max(quiet_until, size if close < 0 else close + 3)
            pos = _after(html, ">", token.start())
        else:  # a tag cut off by the end of the file: the tokenizer drops it, and everything after
            break
    return builder.deepest


def _after(html: str, char: str, pos: int) -> int:
    found = html.find(char, pos)
    return len(html) if found < 0 else found + 1
