"""The follower in control: one-click unsubscribe, the manage page, delete everything, and
links that were tampered with."""

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from following.models import Delivery, Follower, Subscription
from following.tests.conftest import publish_project
from following.tests.factories import follower
from following.tokens import UNSUBSCRIBE, follower_token

pytestmark = pytest.mark.django_db


def url(name, token, language="da"):
    with translation.override(language):
        return reverse(name, args=[token])


def test_one_post_without_cookies_or_csrf_unsubscribes_everything(plan):
    person = follower("ida@example.dk", plan, 15)
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        url("following:unsubscribe", follower_token(person, UNSUBSCRIBE)),
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 302
    assert not Follower.objects.exists() and not Subscription.objects.exists()


def test_the_unsubscribe_link_opened_in_a_browser_asks_with_a_button(client, plan):
    person = follower("ida@example.dk", plan)
    link = url("following:unsubscribe", follower_token(person, UNSUBSCRIBE))

    page = client.get(link)

    assert page.status_code == 200 and "Stop og slet min adresse" in page.content.decode()
    assert Follower.objects.exists()
    client.post(link)
    assert not Follower.objects.exists()


def test_the_manage_page_shows_and_changes_what_is_followed(client, plan, project):
    person = follower("ida@example.dk", plan, project)
    link = url("following:manage", follower_token(person))

    page = client.get(link).content.decode()

    assert "Glumsø og Omegn" in page and "Fugleskjulet" in page and "ida@example.dk" in page
    assert client.post(link, {"frequency": "weekly"}).status_code == 302
    person.refresh_from_db()
    assert person.frequency == "weekly"
    area = person.subscriptions.get(target="area")
    client.post(link, {"remove": str(area.pk)})
    assert list(person.subscriptions.values_list("target", flat=True)) == ["project"]
    assert client.post(link, {"remove": "1; DROP TABLE"}).status_code == 302


def test_delete_everything_removes_address_subscriptions_and_what_was_owed(client, plan):
    person = follower("ida@example.dk", plan)
    publish_project(plan)
    assert Delivery.objects.exists()

    response = client.post(
        url("following:manage", follower_token(person)), {"delete_everything": "1"}
    )

    assert response.status_code == 302
    assert not Follower.objects.exists() and not Delivery.objects.exists()
    assert "Din adresse er slettet" in client.get(response.url).content.decode()


def test_the_manage_page_needs_csrf(plan):
    person = follower("ida@example.dk", plan)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        url("following:manage", follower_token(person)), {"delete_everything": "1"}
    )
    assert response.status_code == 403
    assert Follower.objects.exists()


@pytest.mark.parametrize("name", ["following:manage", "following:unsubscribe", "following:confirm"])
def test_a_tampered_link_gets_a_clear_page_never_a_500(client, plan, name):
    person = follower("ida@example.dk", plan)
    for token in (follower_token(person) + "x", "x" * 3000, "%00", ":::"):
        for method in (client.get, client.post):
            response = method(url(name, token))
            assert response.status_code in (400, 404)
            if response.status_code == 400:
                assert "Linket virker ikke" in response.content.decode()
    assert Follower.objects.exists()


def test_a_manage_link_cannot_unsubscribe_another_way_round(client, plan):
    """The links are signed for their use: a manage token is no unsubscribe token."""
    person = follower("ida@example.dk", plan)
    response = client.post(url("following:unsubscribe", follower_token(person)))
    assert response.status_code == 400 and Follower.objects.exists()


def test_links_die_with_the_follower(client, plan):
    person = follower("ida@example.dk", plan)
    link = url("following:manage", follower_token(person))
    person.delete()
    follower("ida@example.dk", plan)  # the same address again is a new follower
    assert client.get(link).status_code == 400
    assert not mail.outbox
