"""A crawl of the public site in a real browser, as a resident moves through it.

It starts at the front page of each language and follows every link on the host it was
given, so every page a person can reach is checked, not a list of samples. Each page is
opened at each width, under the site's own Content-Security-Policy, and checked for what
people and machines rely on: axe-core (WCAG 2.1 A/AA), no sideways scrolling, no word split
where it would fit on a line, every address on the host the site is served on, numbers a
machine reads written as numbers, text in the other language marked with its `lang`, the
keyboard, and the weight of what the page loads.
"""

import gzip
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urlparse

WIDTHS = (320, 375, 1280)
WIDE = WIDTHS[-1]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BUDGET_BYTES = 150 * 1024  # HTML, CSS and JavaScript of a page, compressed

# Addresses a crawl does not open as pages: the admin, files and machine formats.
NOT_PAGES = re.compile(
    r"^/(admin|documents|media|static|api|sitemap\.xml|robots\.txt|healthz|_util)(/|$)"
    r"|\.(rss|atom|ics|pdf|csv|xlsx|json|geojson|xml|txt|svg|ico)$"
    r"|/feeds/|/pdf/$"
)

# Host names that only ever mean "this site" (the demo's Site record is `localhost`): an
# address on one of them with another port is an address the site is not served on.
OWN_HOST_NAMES = {"localhost", "127.0.0.1", "0.0.0.0", "testserver"}

# Words that are frequent in one language and do not occur in the other: a sentence with
# several of one and none of the other is in that language.
FUNCTION_WORDS = {
    "da": frozenset(
        re.findall(
            r"\S+",
            "og til på det er ikke af med som der har vi kan skal fra den et om hvor eller "
            "vores jeres sig hvad bliver blev være mange nye også efter",
        )
    ),
    "en": frozenset(
        re.findall(
            r"\S+",
            "the and of to is are with from you your this that we our will can has have or "
            "in on be been which their about new also after",
        )
    ),
}

# The attributes of SVG elements that hold one number (a length or a coordinate).
SVG_NUMBER_ATTRIBUTES = "x y x1 x2 y1 y2 cx cy r rx ry width height stroke-width font-size dx dy"

PAGE_FACTS = (
    (Path(__file__).parent / "page_facts.js").read_text(encoding="utf-8").strip().rstrip(";")
)


def language_of(text):
    """'da' or 'en' where the words leave no doubt, else None."""
    words = re.findall(r"[a-zæøå]+", text.lower())
    counts = {
        code: len([w for w in words if w in vocabulary])
        for code, vocabulary in FUNCTION_WORDS.items()
    }
    for code, other in (("da", "en"), ("en", "da")):
        if counts[code] >= 2 and counts[other] == 0:
            return code
    return None


@dataclass
class Crawl:
    """Open every page reachable from the start pages at every width; collect problems."""

    origin: str
    axe_source: str
    problems: list = field(default_factory=list)
    visited: list = field(default_factory=list)
    html: dict = field(default_factory=dict)  # path -> the HTML as served, for the validator
    asset_sizes: dict = field(default_factory=dict)  # address -> compressed bytes

    def own(self, url):
        """The path and query of a page of this site for the crawl to open, or None."""
        parsed = urlparse(urldefrag(url)[0])
        if f"{parsed.scheme}://{parsed.netloc}" != self.origin or NOT_PAGES.search(parsed.path):
            return None
        return parsed.path + (f"?{parsed.query}" if parsed.query else "")

    def report(self, path, width, problem):
        self.problems.append(f"{path} at {width} px: {problem}")

    def check_addresses(self, path, width, addresses):
        served = urlparse(self.origin).netloc
        for address in addresses:
            parsed = urlparse(address)
            if parsed.hostname in OWN_HOST_NAMES and parsed.netloc != served:
                self.report(path, width, f"an address the site is not served on: {address}")

    def check_languages(self, path, width, texts):
        for text in texts:
            found = language_of(text["text"])
            if found and found != text["lang"][:2]:
                where = " (alt text)" if text["alt"] else ""
                self.report(
                    path,
                    width,
                    f"{found!r} text{where} without lang={found!r}: {text['text'][:80]!r}",
                )

    def check_weight(self, page, path, width, html):
        """The page's HTML and every stylesheet and script it loads, compressed."""
        size = len(gzip.compress(html.encode()))
        for address in page.evaluate(
            "performance.getEntriesByType('resource')"
            ".map(e => e.name).filter(name => /\\.(css|js)([?#]|$)/.test(name))"
        ):
            if address not in self.asset_sizes:
                self.asset_sizes[address] = len(gzip.compress(page.request.get(address).body()))
            size += self.asset_sizes[address]
        if size > BUDGET_BYTES:
            self.report(
                path,
                width,
                f"HTML+CSS+JS {size // 1024} KB compressed, over {BUDGET_BYTES // 1024} KB",
            )

    def check_keyboard(self, page, path, width):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.classList.contains('skipnav')"):
            self.report(path, width, "the skip link is not the first focusable element")
        for selector in ("#header-search", ".language-switcher a"):
            if not reaches_with_tab(page, selector):
                self.report(path, width, f"{selector} cannot be reached with Tab")

    def axe(self, page, path, width):
        # Evaluated through the DevTools protocol, which the page's policy does not govern.
        page.evaluate(self.axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        for violation in result["violations"]:
            nodes = violation["nodes"]
            self.report(
                path,
                width,
                f"axe {violation['id']}: {violation['help']} "
                f"({len(nodes)}× e.g. {nodes[0]['target']})",
            )

    def check(self, page, path, width):
        """Open one page at one width; return the links on it."""
        response = page.goto(self.origin + path, wait_until="load")
        if response is None or response.status != 200:
            self.report(path, width, f"status {response.status if response else 'none'}")
            return []
        if not response.headers.get("content-type", "").startswith("text/html"):
            return []
        facts = page.evaluate(PAGE_FACTS, SVG_NUMBER_ATTRIBUTES.split())
        if facts["scrollWidth"] > width:
            self.report(
                path,
                width,
                f"scrolls sideways: {facts['scrollWidth']} px wide, "
                f"sticking out: {facts['tooWide']}",
            )
        for word in facts["splitWords"]:
            self.report(path, width, f"a word split over two lines: {word}")
        for number in facts["svgNumbers"]:
            self.report(path, width, f"an SVG number that is not a number: {number}")
        self.check_addresses(path, width, facts["addresses"])
        if width == WIDE:  # what does not depend on the width, once
            html = response.text()
            self.html[path] = html
            self.check_languages(path, width, facts["texts"])
            self.check_weight(page, path, width, html)
            self.check_keyboard(page, path, width)
        self.axe(page, path, width)
        return facts["links"]

    def run(self, browser, start_paths, on_page=None):
        """Every page reachable from the start pages, each at every width. `on_page(page,
        path, width)` is called after each page's checks (for screenshots)."""
        pages = {width: self.new_page(browser, width) for width in WIDTHS}
        queue, seen = deque(start_paths), {same_page(path) for path in start_paths}
        while queue:
            self.path = path = queue.popleft()
            self.visited.append(path)
            for width, page in pages.items():
                links = self.check(page, path, width)
                if on_page:
                    on_page(page, path, width)
            for link in links:
                target = self.own(link)
                if target and same_page(target) not in seen:
                    seen.add(same_page(target))
                    queue.append(target)
        for page in pages.values():
            page.context.close()
        return self

    def new_page(self, browser, width):
        """A page of its own browser context at `width`, reporting what its policy blocks."""
        page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
        page.on("console", lambda message: self.blocked(message, width))
        return page

    def blocked(self, message, width):
        """What the page's Content-Security-Policy blocks, as Chromium reports it."""
        if "Content Security Policy" in message.text:
            self.report(self.path, width, f"blocked by the page's policy: {message.text}")


def same_page(address):
    """The page an address opens, the words of a search left out: a search for other words is
    the same page with other results (each of a project's tags is one), so the crawl opens the
    first such search it finds, not one per word. Every other parameter makes a page of its own."""
    parsed = urlparse(address)
    parameters = parse_qsl(parsed.query, keep_blank_values=True)
    return parsed.path, tuple(
        sorted((name, "" if name == "q" else value) for name, value in parameters)
    )


def reaches_with_tab(page, selector, presses=40):
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False
