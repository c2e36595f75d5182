"""Asking to follow: double opt-in, no leak of who follows, honeypot, rate limit, CSRF,
hostile input, and the confirmation links."""

import re
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import django_ratelimit.core
import pytest

from following.models import Delivery, Follower, Subscription
from following.tests.conftest import publish_project
from following.tests.factories import follower

pytestmark = pytest.mark.django_db

FOLLOW_URL = "/da/foelg/"


def ask(client, followed, email="ida@example.dk", frequency="instant", **extra):
    data = {"email": email, "frequency": frequency, "website": "", **followed, **extra}
    return client.post(FOLLOW_URL, data)


def area(plan):
    return {"target": "area", "key": str(plan.translation_key)}


def confirm_link(message):
    return re.search(r"http://localhost(/\S+/bekraeft/\S+/)", message.body).group(1)


def test_nothing_but_the_confirmation_is_sent_before_confirming(client, plan):
    response = ask(client, area(plan))

    assert response.status_code == 302
    (message,) = mail.outbox
    assert "Bekræft" in message.subject
    assert "Glumsø og Omegn" in message.body
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    publish_project(plan, title="Ny legeplads")
    assert not Delivery.objects.exists()  # an unconfirmed address is owed nothing


def test_the_confirmation_link_asks_for_a_button_then_confirms(client, plan):
    ask(client, area(plan), frequency="weekly")
    link = confirm_link(mail.outbox[0])

    page = client.get(link)

    assert page.status_code == 200
    assert "Glumsø og Omegn" in page.content.decode()  # says what is being confirmed
    assert (
        Subscription.objects.get().confirmed_at is None
    )  # a mail scanner opening it confirms nothing
    response = client.post(link)

    assert response.status_code == 302 and "/da/foelg/administrer/" in response.url
    person = Follower.objects.get()
    assert person.subscriptions.get().confirmed_at is not None
    assert (person.language, person.frequency) == ("da", "weekly")


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(client, plan):
    follower("kendt@example.dk", plan)

    known = ask(client, area(plan), email="kendt@example.dk")
    unknown = ask(client, area(plan), email="ukendt@example.dk")

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert client.get(known.url).content == client.get(unknown.url).content
    # The follower already confirmed gets no new mail; the stranger's settings are unchanged.
    assert [m.to for m in mail.outbox] == [["ukendt@example.dk"]]


def test_a_stranger_cannot_change_a_followers_language_or_frequency(client, plan):
    person = follower("kendt@example.dk", plan, language="en", frequency="weekly")

    ask(client, area(plan), email="kendt@example.dk", frequency="instant")

    person.refresh_from_db()
    assert (person.language, person.frequency) == ("en", "weekly")


def test_an_address_gets_at_most_one_confirmation_an_hour(client, plan, project):
    ask(client, area(plan), email="offer@example.dk")
    ask(
        client, {"target": "project", "key": str(project.translation_key)}, email="offer@example.dk"
    )
    ask(client, {"target": "all", "key": ""}, email="offer@example.dk")

    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 3


def test_the_honeypot_stops_a_bot(client, plan):
    response = ask(client, area(plan), website="http://spam.example.com")

    assert response.status_code == 200
    assert "Lad feltet" in response.content.decode()
    assert not Follower.objects.exists() and not mail.outbox


def test_the_rate_limit_keeps_the_address_in_the_form(client, plan, settings, monkeypatch):
    settings.PARTICIPATION_RATE_LIMIT = "2/h"
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1_800_000_000))
    for number in range(2):
        assert ask(client, area(plan), email=f"p{number}@example.dk").status_code == 302

    limited = ask(client, area(plan), email="tredje@example.dk")

    assert limited.status_code == 429
    assert 'value="tredje@example.dk"' in limited.content.decode()
    assert not Follower.objects.filter(email="tredje@example.dk").exists()


def test_a_post_without_csrf_token_is_shown_again_filled_in_and_acts_on_nothing(plan):
    """A POST with no token and no word from the browser on where it came from (an old
    browser, or a script): nothing happens until it is sent again from the page with a token."""
    browser = Client(enforce_csrf_checks=True)

    first = ask(browser, area(plan), email="ida@example.dk")

    assert first.status_code == 200
    html = first.content.decode()
    assert 'value="ida@example.dk"' in html and "csrfmiddlewaretoken" in html
    assert not Follower.objects.exists() and not mail.outbox
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    second = ask(browser, area(plan), csrfmiddlewaretoken=token)

    assert second.status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}],
    ids=["fetch-metadata", "origin"],
)
def test_a_post_from_the_sites_own_cached_page_is_acted_on_at_once(plan, headers):
    """The browser says the form came from this site: one press is enough, no token needed."""
    browser = Client(enforce_csrf_checks=True, headers=headers)

    response = ask(browser, area(plan))

    assert response.status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://sub.testserver"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
    ids=["cross-site", "same-site-not-same-origin", "foreign-origin", "opaque-origin"],
)
def test_a_post_from_another_site_is_never_acted_on(plan, headers):
    browser = Client(enforce_csrf_checks=True, headers=headers)

    response = ask(browser, area(plan))

    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
    assert not Follower.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "a" * 5000 + "@example.dk"},
        {"email": "<script>alert(1)</script>"},
        {"target": "area", "key": "'; DROP TABLE following_follower; --"},
        {"target": "goal", "key": "99"},
        {"target": "goal", "key": "9" * 36},
        {"target": "nonsense", "key": ""},
        {"frequency": "hourly"},
        {"key": "x" * 10_000},
    ],
)
def test_hostile_input_gets_a_clear_error_never_a_500(client, plan, fields):
    response = ask(client, area(plan), **fields)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ret venligst følgende" in html
    assert "<script>alert(1)</script>" not in html
    assert not Follower.objects.exists()


def test_a_tampered_or_expired_confirmation_link_gets_a_clear_page(client, plan):
    ask(client, area(plan))
    link = confirm_link(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]

    assert client.post(tampered).status_code == 400
    later = timezone.now() + timedelta(days=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        expired = client.post(link)
    assert expired.status_code == 400
    assert "Linket virker ikke" in expired.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_unconfirmed_requests_are_forgotten_after_a_few_days(client, plan):
    confirmed = follower("bliver@example.dk", plan)
    ask(client, area(plan), email="glemmes@example.dk")
    Follower.objects.filter(email="glemmes@example.dk").update(
        created_at=timezone.now() - timedelta(days=4)
    )
    Subscription.objects.filter(confirmed_at__isnull=True).update(
        created_at=timezone.now() - timedelta(days=4)
    )

    call_command("forget_unconfirmed_followers", stdout=StringIO())

    assert list(Follower.objects.all()) == [confirmed]
