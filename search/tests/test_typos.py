"""When a search finds nothing: a spelling from the site's own words, and filters to leave out."""

import pytest

from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

from .searching import publish, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(site_root):
    glumsoe = publish(LocalAreaPlanPageFactory(parent=site_root, title="Glumsø", slug="glumsoe"))
    tybjerg = publish(LocalAreaPlanPageFactory(parent=site_root, title="Tybjerg", slug="tybjerg"))
    publish(ProjectPageFactory(parent=glumsoe, title="Fugleskjul ved søen", goals=[15]))
    publish(ProjectPageFactory(parent=tybjerg, title="Ny legeplads", goals=[3], status="idea"))
    return glumsoe, tybjerg


def test_no_project_offers_to_leave_out_each_filter(client, projects):
    response = search(client, {"goal": ["3", "15"], "area": "tybjerg", "status": "planned"})
    html = response.content.decode()

    assert response.context["outcome"].total == 0
    assert "Intet projekt passer til alle filtrene. Udelad ét af dem:" in html
    links = dict(response.context["filters_to_remove"])
    assert links["Fjern “Sundhed og trivsel”"] == "?goal=15&area=tybjerg&status=planned"
    assert links["Fjern “Tybjerg”"] == "?goal=3&goal=15&status=planned"
    without_status = search(client, {"goal": ["3", "15"], "area": "tybjerg"})
    assert [p.title for p in without_status.context["outcome"].page.object_list] == ["Ny legeplads"]


def test_results_offer_no_filter_to_leave_out(client, projects):
    response = search(client, {"goal": "3"})
    assert response.context["filters_to_remove"] == []
    assert "Udelad ét af dem" not in response.content.decode()


@pytest.mark.postgresql  # trigram similarity is PostgreSQL's pg_trgm
@pytest.mark.parametrize(
    ("typed", "meant"),
    [("legepladz", "legeplads"), ("fugleskjull", "fugleskjul"), ("ny legepladz", "ny legeplads")],
)
def test_a_near_miss_offers_the_sites_own_spelling(client, projects, typed, meant):
    response = search(client, {"q": typed, "goal": "3"})
    html = response.content.decode()

    assert response.context["suggestion"] == meant
    assert f'Mente du <a href="?q={meant.replace(" ", "+")}&amp;goal=3">{meant}</a>?' in html


@pytest.mark.postgresql
def test_a_search_that_finds_something_offers_no_spelling(client, projects):
    # A word cut short finds by its prefix already ("legeplas" → legepla*).
    response = search(client, {"q": "legeplas"})
    assert [p.title for p in response.context["outcome"].page.object_list] == ["Ny legeplads"]
    assert response.context["suggestion"] is None
    assert search(client, {"q": "rumfærge"}).context["suggestion"] is None
