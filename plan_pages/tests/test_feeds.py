"""RSS and Atom feeds of new and updated projects: site-wide, per area, per goal, per language."""

from datetime import date

from wagtail.models import Page, PageViewRestriction

import pytest
from defusedxml import ElementTree

from core.tests.database import built_once, make_locale_en, make_site_root
from plan_pages.tests.factories import (
    LocalAreaPlanPageFactory,
    ProjectPageFactory,
    ProjectUpdatePageFactory,
    milestone,
)
from sdg.pages import ensure_goal_pages

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    """Built once for the module; each test runs in its own savepoint (core.tests.database)."""
    with built_once(django_db_blocker):
        pages = build_site(make_site_root(), make_locale_en())
        yield {key: page.pk for key, page in pages.items()}


@pytest.fixture
def site(shared, db):
    return {key: Page.objects.get(pk=pk).specific for key, pk in shared.items()}


def build_site(site_root, locale_en):
    ensure_goal_pages(site_root)
    glumsoe = LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe")
    tybjerg = LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", slug="tybjerg")
    projects = {}
    for title, plan, goals in [
        ("Folkeskoven", glumsoe, [15, 13]),
        ("Stien", glumsoe, [11]),
        ("Forsamlingshuset", tybjerg, [11]),
    ]:
        projects[title] = ProjectPageFactory(parent=plan, title=title, goals=goals)
        projects[title].save_revision().publish()
    english = projects["Folkeskoven"].copy_for_translation(locale_en, copy_parents=True)
    english.title = "The people's forest"
    english.save_revision().publish()
    ProjectPageFactory(parent=tybjerg, title="Kladde", live=False)
    return {"glumsoe": glumsoe, "tybjerg": tybjerg, **projects}


def rss_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return channel, [item.findtext("title") for item in channel.findall("item")]


def test_the_site_feed_lists_the_languages_projects_newest_change_first(client, site):
    site["Folkeskoven"].save_revision().publish()  # updated last: first in the feed
    channel, titles = rss_titles(client, "/da/feeds/projects.rss")
    assert titles == ["Folkeskoven", "Forsamlingshuset", "Stien"]
    assert channel.findtext("language") == "da"
    assert channel.findtext("link") == "http://testserver/da/"
    assert channel.findtext("title").startswith("Nye og opdaterede projekter")
    item = channel.find("item")
    assert item.findtext("link") == "http://testserver/da/glumsoe/folkeskoven/"
    assert item.findtext("description") == "Et projekt fra borgermødet."

    channel, titles = rss_titles(client, "/en/feeds/projects.rss")
    assert titles == ["The people's forest"]
    assert channel.findtext("language") == "en"
    assert channel.findtext("title").startswith("New and updated projects")


def test_area_and_goal_feeds_list_only_their_projects(client, site):
    assert sorted(rss_titles(client, "/da/feeds/areas/glumsoe.rss")[1]) == ["Folkeskoven", "Stien"]
    assert rss_titles(client, "/da/feeds/areas/tybjerg.rss")[1] == ["Forsamlingshuset"]
    goal = rss_titles(client, "/da/feeds/goals/11.rss")[1]
    assert sorted(goal) == ["Forsamlingshuset", "Stien"]
    assert rss_titles(client, "/en/feeds/goals/15.rss")[1] == ["The people's forest"]
    assert rss_titles(client, "/en/feeds/goals/11.rss")[1] == []
    assert client.get("/da/feeds/goals/18.rss").status_code == 404
    assert client.get("/da/feeds/areas/nowhere.rss").status_code == 404


def test_atom_feeds_are_well_formed(client, site):
    response = client.get("/da/feeds/areas/glumsoe.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    titles = sorted(entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry"))
    assert titles == ["Folkeskoven", "Stien"]
    assert all(entry.find(f"{ATOM}updated") is not None for entry in feed.iter(f"{ATOM}entry"))


@pytest.mark.parametrize(
    "url, feed",
    [
        ("/da/glumsoe/", "/da/feeds/areas/glumsoe.rss"),
        ("/da/verdensmaal/maal-11/", "/da/feeds/goals/11.rss"),
    ],
)
def test_pages_link_their_feed_in_the_head_and_visibly(client, site, url, feed):
    html = client.get(url).content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert f'href="{feed}"' in head
    assert f'<a href="{feed}" type="application/rss+xml">Abonnér via RSS</a>' in html
    assert f'<a href="{feed[:-3]}atom" type="application/atom+xml">' in html


def test_a_project_page_offers_no_feed(client, site):
    html = client.get(site["Stien"].url).content.decode()
    assert "application/rss+xml" not in html


def every_feed_url(site):
    """Each language's site feed, each area's and each goal's, in both formats."""
    paths = ["projects"]
    paths += [f"areas/{site[slug].slug}" for slug in ("glumsoe", "tybjerg")]
    paths += [f"goals/{number}" for number in range(1, 18)]
    return [
        f"/{language}/feeds/{path}.{kind}"
        for language in ("da", "en")
        for path in paths
        for kind in ("atom", "rss")
        # The areas have no English version in this fixture.
        if not (language == "en" and path.startswith("areas/"))
    ]


def test_every_atom_feed_and_entry_has_what_rfc_4287_requires(client, site):
    atom_urls = [url for url in every_feed_url(site) if url.endswith(".atom")]
    entries_seen = 0
    for url in atom_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        feed = ElementTree.fromstring(response.content)
        for element in ("id", "title", "updated"):
            assert feed.findtext(f"{ATOM}{element}"), (url, element)
        feed_author = feed.findtext(f"{ATOM}author/{ATOM}name")
        for entry in feed.findall(f"{ATOM}entry"):
            entries_seen += 1
            for element in ("id", "title", "updated"):
                assert entry.findtext(f"{ATOM}{element}"), (url, element)
            assert feed_author or entry.findtext(f"{ATOM}author/{ATOM}name"), url
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None, url
            assert entry.find(f"{ATOM}summary").get("type") == "text", url
        assert feed_author, url  # also for a feed without entries
    assert len(atom_urls) == 38 and entries_seen >= 10


def test_summaries_reach_feed_readers_as_plain_text(client, site):
    project = site["Stien"]
    project.summary = "Stien får <b>lys</b> & bænke"
    project.save_revision().publish()

    atom = ElementTree.fromstring(client.get("/da/feeds/areas/glumsoe.atom").content)
    entry = next(e for e in atom.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Stien")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text" and summary.text == "Stien får <b>lys</b> & bænke"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Lokalrådet"
    assert atom.findtext(f"{ATOM}author/{ATOM}name") == "Lokalrådet"

    channel, _titles = rss_titles(client, "/da/feeds/areas/glumsoe.rss")
    item = next(i for i in channel.findall("item") if i.findtext("title") == "Stien")
    # RSS readers read the description as HTML: escaped once more, it shows as written.
    assert item.findtext("description") == "Stien får &lt;b&gt;lys&lt;/b&gt; &amp; bænke"


def test_an_areas_feed_tells_of_its_projects_updates_and_milestones_reached(client, site):
    forest = site["Folkeskoven"]
    forest.milestones = [
        milestone("Træerne plantet", date(2024, 4, 1), done=date(2024, 4, 2)),
        milestone("Indvielse", date(2031, 6, 1)),  # not reached: not news yet
    ]
    forest.save_revision().publish()
    ProjectUpdatePageFactory(parent=forest, title="Plantedagen", text="Tak til alle 80.")
    ProjectUpdatePageFactory(parent=forest, title="Kladde", live=False)
    private = ProjectPageFactory(parent=site["glumsoe"], title="Lukket")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    ProjectUpdatePageFactory(parent=private, title="Hemmeligt nyt")

    channel, titles = rss_titles(client, "/da/feeds/areas/glumsoe.rss")
    items = {item.findtext("title"): item for item in channel.findall("item")}

    assert channel.findtext("title") == "Nyt fra Glumsø"
    assert set(titles) == {
        "Folkeskoven",
        "Stien",
        "Folkeskoven: Plantedagen",
        "Folkeskoven: Træerne plantet er nået",
    }
    update = items["Folkeskoven: Plantedagen"]
    assert update.findtext("link").startswith("http://testserver/da/glumsoe/folkeskoven/")
    assert update.findtext("description") == "Tak til alle 80."
    assert update.findtext("category") == "Nyt fra projektet"
    reached = items["Folkeskoven: Træerne plantet er nået"]
    assert reached.findtext("link") == "http://testserver/da/glumsoe/folkeskoven/"
    assert "#milestone-" in reached.findtext("guid")
    assert rss_titles(client, "/da/feeds/areas/tybjerg.rss")[1] == ["Forsamlingshuset"]
    atom = ElementTree.fromstring(client.get("/da/feeds/areas/glumsoe.atom").content)
    assert len(list(atom.iter(f"{ATOM}entry"))) == 4
