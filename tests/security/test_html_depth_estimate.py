"""The nesting estimate that guards the HTML parser (claims.html_depth) is never much below the depth
lexbor really builds, on tag soups made of the constructs that decide it: comments and their odd ends,
quoted attributes, script escapes, raw text, SVG and MathML with their breakouts, tables, lists, formatting
elements the parser reopens. A soup is a pattern repeated many times, so a construct that let the depth
grow unseen would show as depth growing with the repeats while the estimate does not.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from claims.html_depth import nesting_depth

TOKENS = [
    token.replace("_", " ")
    for token in re.findall(
        r"\S+",
        """
<div> </div> <p> </p> <li> </li> <ul> </ul> <ol> <dd> <dt> </dd> <b> </b> <b_x=1> <b_x=2> <i> </i>
<font_color=red> <font> </font> <a> </a> <span> </span> <table> </table> <tr> </tr> <td> </td> <th>
<caption> </caption> <tbody> <select> </select> <option> <optgroup> </optgroup> <svg> </svg> <math> </math>
<g> </g> <path/> <div/> <span/> <foreignObject> </foreignObject> <desc> <title> </title> <mi> </mi>
<annotation-xml> <annotation-xml_encoding="text/html"> </annotation-xml> <style> </style> <script>
</script> <textarea> </textarea> <!-- --> --!> <!--> <![CDATA[ ]]> > <template> </template> <object>
</object> <button> </button> <h1> </h1> <h2> <noscript> </noscript> <rt> <ruby> </ruby> <br> </br> <form>
</form> <body> </body> <html> <head> </head> <iframe> </iframe> " ' _x= x <blockquote> </blockquote>
<section> </section> <nobr> <marquee> </marquee> <applet> <xmp> </xmp> <listing> <pre> <!DOCTYPE_html>
<?x> </_x> <mtext> <mglyph> <image> <input> <hr> <col> <colgroup> <address> <menu> <dialog> <frameset>
<frame> <em> </em> <strong> <code> <s> <u> <big> <small> <tt> <strike>
""",
    )
]

soups = st.builds(
    lambda before, pattern, repeats, after: "".join(before) + "".join(pattern) * repeats + "".join(after),
    st.lists(st.sampled_from(TOKENS), max_size=8),
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=7),
    st.integers(min_value=5, max_value=40),
    st.lists(st.sampled_from(TOKENS), max_size=4),
)


def tree_depth(html: str) -> int:
    """The depth of the element tree lexbor builds."""
    root = LexborHTMLParser(html).root
    deepest, pending = 0, [(root, 1)] if root is not None else []
    while pending:
        node, depth = pending.pop()
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            if child.is_element_node:
                pending.append((child, depth + 1))
            child = child.next
    return deepest


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soups)
def test_the_estimate_is_never_far_below_the_depth_lexbor_builds(html):
    # The parts the estimate leaves out (<p>, <option>, a table's implied rows) add at most two levels per
    # counted one, and <html>, <body> a few; the import's limit of 256 keeps lexbor below about 800.
    assert tree_depth(html) <= 3 * nesting_depth(html) + 6


def test_the_estimate_follows_the_cases_the_scan_reads_exactly():
    assert nesting_depth("<div><!--</div>-->" * 10) == 10
    assert nesting_depth('<div title="</div>">' * 10) == 10
    assert nesting_depth("<div><script><!--<script></script></div></script>" * 10) == 11
    assert nesting_depth("<svg><g></svg>" + "<path/>" * 10) == 10
    assert nesting_depth("<table><tr><td><font>a<td><font>b</table>" * 50) == 3


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.characters(codec=None), st.sampled_from(list("<>/!-'\"= \tab")))))
def test_any_text_is_estimated_without_an_exception(text):
    assert nesting_depth(text) >= 0
