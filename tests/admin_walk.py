"""Walking the admin as a signed-in user and reading what it shows: the text a person sees on each
screen, and the English interface strings of Wagtail and wagtail-localize among it."""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

import wagtail
import wagtail_localize

import polib

# Attributes a person reads (or hears from a screen reader) as well as the text between tags.
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
# Elements whose content is code or data, not text on the screen.
UNREAD_ELEMENTS = {"script", "style", "svg", "textarea"}
# The attributes whose addresses the browser loads as it shows the page.
FETCHED = {
    ("src", "img"),
    ("srcset", "img"),
    ("srcset", "source"),
    ("src", "script"),
    ("href", "link"),
    ("src", "iframe"),
}
# Placeholders of Python's two string formats, filled by the code: any text may stand there.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdif]|%[sd]|\{[a-z_0-9]*\}")
LETTERS = re.compile(r"[A-Za-z]{2}")
TAG = re.compile(r"<[^>]+>")


class TextCollector(HTMLParser):
    """The visible text nodes and read attributes of a page, each with its whitespace collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.links = []
        self.fetched = []  # addresses the browser loads: images, scripts, style sheets, icons
        self._unread_depth = 0
        self._sidebar = None  # the sidebar's JSON while it is being read

    def handle_starttag(self, tag, attrs):
        if ("id", "wagtail-sidebar-props") in attrs:
            self._sidebar = []
        if tag in UNREAD_ELEMENTS:
            self._unread_depth += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self._add(value)
            if name == "href" and tag == "a" and value:
                self.links.append(value)
            if (name, tag) in FETCHED and value:
                self.fetched += [part.split()[0] for part in value.split(",") if part.strip()]

    def handle_endtag(self, tag):
        if self._sidebar is not None and tag == "script":
            self._read_menu(json.loads("".join(self._sidebar)))
            self._sidebar = None
        if tag in UNREAD_ELEMENTS and self._unread_depth:
            self._unread_depth -= 1

    def handle_data(self, data):
        if self._sidebar is not None:
            self._sidebar.append(data)
        if not self._unread_depth:
            self._add(data)

    def _read_menu(self, props):
        """The sidebar is drawn by JavaScript from JSON: its labels are text, its urls links."""
        if isinstance(props, list):
            for item in props:
                self._read_menu(item)
        elif isinstance(props, dict):
            for key, value in props.items():
                if key == "label" and isinstance(value, str):
                    self._add(value)
                elif key == "url" and isinstance(value, str):
                    self.links.append(value)
                elif key.endswith("Url") and isinstance(value, str):
                    self.fetched.append(value)  # the account menu's avatarUrl
                else:
                    self._read_menu(value)

    def _add(self, text):
        text = " ".join(text.split())
        if text:
            self.texts.append(text)


def read(html):
    collector = TextCollector()
    collector.feed(html)
    return collector


def english_catalogues():
    """The English catalogues of Wagtail's and wagtail-localize's server strings."""
    roots = [Path(wagtail.__file__).parent, Path(wagtail_localize.__file__).parent]
    return sorted(
        path for root in roots for path in root.glob("**/locale/en/LC_MESSAGES/django.po")
    )


def catalogue_key(entry):
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (key, 0) if entry.msgid_plural else key


@cache
def interface_strings():
    """[(msgid, text or pattern, key in the translation catalogue)] for every English interface
    string: a string with markup gives one entry per stretch of text between its tags, a string
    with placeholders a pattern in which any text fills a placeholder; stretches without two
    letters in a row (bare placeholders, punctuation) are left out."""
    strings = {}
    for path in english_catalogues():
        for entry in polib.pofile(str(path)):
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                for stretch in TAG.split(msgid):
                    if entry.obsolete or not LETTERS.search(PLACEHOLDER.sub("", stretch)):
                        continue
                    strings.setdefault((msgid, stretch), (shown(stretch), catalogue_key(entry)))
    return [(msgid, text, key) for (msgid, _stretch), (text, key) in strings.items()]


def shown(stretch):
    """The stretch as text, or as a pattern where it has placeholders."""
    parts = [" ".join(part.split()) for part in PLACEHOLDER.split(stretch)]
    if len(parts) == 1:
        return parts[0]
    return re.compile(".*?".join(map(re.escape, parts)))


def untranslated_strings(texts, language="da"):
    """The English interface strings among `texts` that have no translation in `language`, as
    {msgid: text}: a text that is such a string (placeholders filled with anything), or that
    begins with one followed by a space (a string and the data it introduces, "Awaiting <task>")."""
    catalogue = translation.trans_real.translation(language)._catalog
    missing = [
        (msgid, text, key) for msgid, text, key in interface_strings() if key not in catalogue
    ]
    plain = {text: msgid for msgid, text, _key in missing if isinstance(text, str)}
    # Django shows a field's verbose name ("title tag") with a capital first letter.
    plain.update({capfirst(text): msgid for text, msgid in list(plain.items())})
    patterns = [(text, msgid) for msgid, text, _key in missing if not isinstance(text, str)]
    found = {}
    for text in set(texts):
        words = text.split(" ")
        for length in range(1, len(words) + 1):
            if (start := " ".join(words[:length])) in plain:
                found[plain[start]] = text
        for pattern, msgid in patterns:
            if pattern.fullmatch(text):
                found[msgid] = text
    return found


# Links the walk does not follow: leaving the admin, files, the public pages a draft or preview
# shows, and the JavaScript catalogue.
NOT_SCREENS = re.compile(
    r"/logout/|/view_draft/|/preview/|/jsi18n/|/download/|/export|\.(csv|xlsx|pdf|png|jpg)$"
)


def screen_key(path):
    """Screens that differ only in an object's number count as one screen."""
    return re.sub(r"\d+", "N", path)


class Screen(NamedTuple):
    texts: list  # the text nodes and read attributes
    fetched: list  # the addresses it makes the browser load
    html: str


def screen_html(response):
    """The HTML a response shows: a page, or a dialog (Wagtail's modals answer JSON with the
    dialog's HTML in it). None for anything else."""
    content_type = response.get("Content-Type", "")
    if response.status_code != 200:
        return None
    if content_type.startswith("text/html"):
        return response.content.decode()
    if content_type.startswith("application/json"):
        return response.json().get("html")
    return None


def walk(client, start_paths, limit=400):
    """Visit `start_paths`, then every admin screen linked from them (one per `screen_key`), and
    return {path: Screen} of each HTML screen that answered 200."""
    queue = list(start_paths)
    seen_keys = set()
    screens = {}
    while queue and len(screens) < limit:
        path = queue.pop(0)
        key = screen_key(path)
        if path in screens or (key in seen_keys and path not in start_paths):
            continue
        seen_keys.add(key)
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="da")
        html = screen_html(response)
        if html is None:
            continue
        page = read(html)
        screens[path] = Screen(page.texts, page.fetched, html)
        for link in page.links:
            parts = urlsplit(link)
            if parts.netloc or not parts.path.startswith("/admin/"):
                continue
            if not NOT_SCREENS.search(parts.path):
                queue.append(parts.path)
    return screens


def screens_to_start_from(user):
    """Where a walk as `user` starts: the dashboard, the explorer, the editor of one page of every
    registered page type in each language they may edit (the English ones open wagtail-localize's
    translation editor), the dialogs of the workflow tasks they may act on, and the choosers."""
    from wagtail.images import get_image_model
    from wagtail.models import TaskState
    from wagtail.permissions import policy_registry

    from tests.page_types import page_types

    paths = ["/admin/", "/admin/pages/", "/admin/account/"]
    paths += [reverse(name) for name in CHOOSERS]
    images = policy_registry.get_by_type(get_image_model())
    image = images.instances_user_has_permission_for(user, "change").first()
    if image:
        paths += [reverse("wagtailimages:edit", args=[image.pk])]
    for model in page_types():
        for page in editable_pages(model, user):
            paths += [reverse("wagtailadmin_pages:edit", args=[page.pk])]
            paths += [reverse("wagtailadmin_pages:workflow_history", args=[page.pk])]
    for state in TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS):
        page = state.revision.content_object
        for action, _label, _modal in state.task.specific.get_actions(page, user):
            args = [page.pk, action, state.pk]
            paths += [reverse("wagtailadmin_pages:collect_workflow_action_data", args=args)]
    return paths


CHOOSERS = [
    "wagtailimages_chooser:choose",
    "wagtaildocs_chooser:choose",
    "wagtailadmin_choose_page",
]


def editable_pages(model, user):
    """The first page of `model` in each language that `user` may edit."""
    pages = []
    for language in ("da", "en"):
        for page in model.objects.filter(locale__language_code=language).order_by("path"):
            if page.permissions_for_user(user).can_edit():
                pages.append(page)
                break
    return pages


@cache
def walk_as(username):
    """The screens a walk as `username` starts from and the text of every screen it reached.
    Walked once per user: the walks only read, and the demo site stays the same for the module."""
    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    start = screens_to_start_from(user)
    return start, walk(client, start)
