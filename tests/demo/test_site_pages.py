"""The accessibility statement, /was, the privacy page and a plan's year (årshjul)."""

from datetime import datetime

from django.template import Context, Template
from django.utils import translation

import pytest

from core.models import ContactSettings
from home.models import InformationPage
from plan_pages.models import LocalAreaPlanPage

pytestmark = pytest.mark.django_db


def test_was_leads_to_the_statement_in_the_visitors_language(demo_site, client):
    danish = client.get("/was", HTTP_ACCEPT_LANGUAGE="da")
    english = client.get("/was", HTTP_ACCEPT_LANGUAGE="en")
    assert danish["Location"] == "/da/tilgaengelighedserklaering/"
    assert english["Location"] == "/en/accessibility-statement/"


def test_was_with_a_trailing_slash_leads_to_the_statement_too(demo_site, client):
    response = client.get("/was/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 302
    assert response["Location"] == "/da/tilgaengelighedserklaering/"


def test_was_can_point_at_the_statement_in_the_was_tool(demo_site, client):
    settings = ContactSettings.objects.get()
    settings.accessibility_statement_url = "https://www.was.digst.dk/lup-naestved-dk"
    settings.save()
    assert client.get("/was")["Location"] == "https://www.was.digst.dk/lup-naestved-dk"


def test_every_page_links_the_statement_and_the_privacy_page(demo_site, client):
    html = client.get("/da/").content.decode()
    assert '<a href="/was?lang=da">Tilgængelighedserklæring</a>' in html
    assert '<a href="/da/privatliv-og-cookies/">Privatliv og cookies</a>' in html
    english = client.get("/en/").content.decode()
    assert '<a href="/en/privacy-and-cookies/">Privacy and cookies</a>' in english


def test_the_statement_shows_when_it_was_last_reviewed(demo_site, client):
    statement = InformationPage.objects.get(
        locale__language_code="da", slug="tilgaengelighedserklaering"
    )
    html = client.get(statement.url).content.decode()
    assert "Senest gennemgået" in html and "26. november 2026" in html


def test_a_plans_year_is_drawn_and_listed(demo_site, client):
    plan = LocalAreaPlanPage.objects.get(locale__language_code="da", slug="tybjerg-og-omegn")
    html = client.get(plan.url).content.decode()
    assert html.count('class="wheel-month') == 12
    assert html.count("wheel-busy") == 10  # council meetings in all months but July and December
    assert "<strong>Juni</strong>" in html and "Tybjergløbet" in html

    with translation.override("en"):
        english = plan.get_translation(plan.locale.__class__.objects.get(language_code="en"))
        assert "The Tybjerg run" in client.get(english.url).content.decode()


def test_the_english_footer_leads_to_the_english_statement(demo_site, client):
    """/was follows the page the link is on, not the browser's Accept-Language."""
    english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<a href="/was?lang=en">Accessibility statement</a>' in english
    response = client.get("/was?lang=en", HTTP_ACCEPT_LANGUAGE="da")
    assert response["Location"] == "/en/accessibility-statement/"
    danish = client.get("/was?lang=da", HTTP_ACCEPT_LANGUAGE="en")
    assert danish["Location"] == "/da/tilgaengelighedserklaering/"
    unknown = client.get("/was?lang=xx", HTTP_ACCEPT_LANGUAGE="en")
    assert unknown["Location"] == "/en/accessibility-statement/"


def test_english_dates_are_british_with_24_hour_times(demo_site, client):
    template = Template('{{ when|date:"DATE_FORMAT" }}|{{ when|date:"DATETIME_FORMAT" }}')
    when = datetime(2021, 11, 1, 8, 0)
    with translation.override("en"):
        assert template.render(Context({"when": when})) == "1 November 2021|1 November 2021, 08:00"
    statement = InformationPage.objects.get(
        locale__language_code="en", slug="accessibility-statement"
    )
    assert "26 November 2026" in client.get(statement.url).content.decode()
