"""The short Danish guides in docs/ for councils and editors, shown in the admin (Help menu).

The guides are kept as Markdown in docs/ so that they are read and reviewed with the rest of the
documentation; `as_html` turns the little Markdown they use (headings, lists, paragraphs, bold,
italics, code) into HTML, escaping everything else.
"""

import re

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .councils import is_council_member

GUIDES = {
    "lokalraad": ("vejledning-lokalraad.md", _("Guide for local councils")),
    "redaktoer": ("vejledning-redaktoer.md", _("Guide for municipal editors")),
}
INLINE = [
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"\*(.+?)\*"), r"<em>\1</em>"),
    (re.compile(r"`(.+?)`"), r"<code>\1</code>"),
]
LIST_ITEM = re.compile(r"^(?:-|\d+\.) ")


def guides_for(user):
    """[(title, address)] of the guides for `user`: a council's own, or both for an editor."""
    roles = ["lokalraad"] if is_council_member(user) else list(GUIDES)
    return [(GUIDES[role][1], reverse("admin_guide", args=[role])) for role in roles]


def guide_text(role):
    return (settings.BASE_DIR / "docs" / GUIDES[role][0]).read_text(encoding="utf-8")


def inline(text):
    text = escape(text)
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    return text


def as_html(markdown):
    """The guide's blocks (separated by blank lines) as HTML; its first heading is left out, the
    admin's page header shows the title."""
    html = []
    for block in markdown.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        if lines[0].startswith("## "):
            html.append(f"<h2>{inline(lines[0][3:])}</h2>")
            lines = lines[1:]
        if lines and LIST_ITEM.match(lines[0]):
            tag = "ol" if lines[0][0].isdigit() else "ul"
            items = re.split(r"\n(?=-|\d+\. )", "\n".join(lines))
            html.append(f"<{tag}>")
            html += [f"<li>{inline(LIST_ITEM.sub('', item))}</li>" for item in items]
            html.append(f"</{tag}>")
        elif lines:
            html.append(f"<p>{inline(' '.join(lines))}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every text was escaped by `inline`
