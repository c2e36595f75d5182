"""The crawl's checks find what they are meant to find, on a page made to fail each of them."""

from pathlib import Path

import pytest

from tests.browser.crawl import Crawl, language_of, same_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ORIGIN = "http://crawl.test"

# A word no page is wide enough for: it must break somewhere.
WIDER_THAN_ANY_PAGE = "Tilgængelighedserklæring" * 12

BROKEN = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<meta property="og:url" content="http://localhost/en/broken/"></head>
<body><a class="skipnav" href="#main">Skip</a>
<main id="main"><h1>Broken</h1>
<p>Stien må gerne kunne bruges med barnevogn det meste af året.</p>
<p lang="da">Pladsen trænger til lys om vinteren, og det er vigtigt.</p>
<svg viewBox="0 0 10 10" width="10" height="10"><text x="141,74" y="5">Juli</text></svg>
<div style="width: 2000px">wide</div>
<h2 style="width: 120px; overflow-wrap: break-word">Velkomstambassadører</h2>
<p><a href="https://example.org/an-address" style="display: block; width: 80px;
overflow-wrap: anywhere">https://example.org/a-very-long-address-that-may-break-anywhere</a></p>
<p style="overflow-wrap: break-word">{WIDER_THAN_ANY_PAGE}</p>
<a href="/en/next/">Next page</a> <a href="https://un.org/">The UN</a>
</main></body></html>"""

NEXT = BROKEN.replace("<h1>Broken</h1>", "<h1>Next</h1>").replace('href="/en/next/"', 'href="/"')
PAGES = {"/en/broken/": BROKEN, "/en/next/": NEXT, "/": NEXT}


class OfflineCrawl(Crawl):
    """The crawl, with every page answered from PAGES instead of a server."""

    def new_page(self, browser, width):
        page = super().new_page(browser, width)
        page.context.route(f"{ORIGIN}/**", self.serve)
        return page

    @staticmethod
    def serve(route):
        body = PAGES.get(route.request.url.removeprefix(ORIGIN))
        route.fulfill(status=200 if body else 404, content_type="text/html", body=body or "")


def test_the_crawl_follows_links_and_reports_every_kind_of_problem(tool):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=tool("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        crawl = OfflineCrawl(ORIGIN, Path(tool("axe-core")).read_text(encoding="utf-8"))
        crawl.run(browser, ["/en/broken/"])
        browser.close()

    problems = "\n".join(crawl.problems)
    assert crawl.visited == ["/en/broken/", "/en/next/", "/"]
    assert "scrolls sideways" in problems
    assert "a word split over two lines: 'Velkomstambassadører' in <h2>" in problems
    assert "a-very-long-address" not in problems  # an address may break anywhere
    assert WIDER_THAN_ANY_PAGE[:40] not in problems  # it cannot fit on one line
    assert 'an SVG number that is not a number: <text x="141,74">' in problems
    assert "an address the site is not served on: http://localhost/en/broken/" in problems
    assert "'da' text without lang='da': 'Stien må gerne" in problems
    assert "Pladsen trænger" not in problems  # marked with its language
    assert "un.org" not in problems  # other sites may be linked
    assert "#header-search cannot be reached with Tab" in problems


def test_the_language_of_a_sentence_is_told_by_its_small_words():
    assert language_of("Stien må gerne kunne bruges med barnevogn det meste af året.") == "da"
    assert language_of("The path should be usable with a pram most of the year.") == "en"
    assert language_of("Glumsø Sø") is None  # names are in no language
    assert language_of("Bird hide ved Glumsø") is None  # one word of each: no verdict


def test_the_crawl_opens_one_search_for_words_but_every_filter():
    assert same_page("/da/soeg/?q=l%C3%B8b") == same_page("/da/soeg/?q=motion")
    assert same_page("/da/soeg/?q=l%C3%B8b") != same_page("/da/soeg/")
    assert same_page("/da/soeg/?q=skov&goal=15") != same_page("/da/soeg/?q=skov")
    assert same_page("/da/glumsoe/?goal=3&status=idea") == same_page(
        "/da/glumsoe/?status=idea&goal=3"
    )
    assert same_page("/da/glumsoe/?goal=3") != same_page("/da/glumsoe/?goal=4")
