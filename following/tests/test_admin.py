"""The send log and follower counts in the admin: editors see every area, a council its own,
nobody an address."""

import pytest

from following.models import SendLogEntry
from following.tests.factories import follower
from plan_pages.tests.factories import log_in_council_member, log_in_editor

pytestmark = pytest.mark.django_db

URL = "/admin/followers/"


@pytest.fixture
def log(plan, other_plan):
    follower("glumsoe1@example.dk", plan)
    follower("glumsoe2@example.dk", plan, other_plan)
    follower("tybjerg@example.dk", other_plan)
    SendLogEntry.objects.create(
        kind="instant",
        status="sent",
        area_key=str(plan.translation_key),
        area_title="Glumsø og Omegn",
        changes=3,
    )
    SendLogEntry.objects.create(
        kind="digest",
        status="failed",
        area_key=str(other_plan.translation_key),
        area_title="Tybjerg og Omegn",
        changes=7,
        error="SMTPServerDisconnected",
    )


def test_an_editor_sees_every_areas_counts_and_log(client, django_user_model, log):
    log_in_editor(client, django_user_model)
    html = client.get(URL).content.decode()

    assert "Glumsø og Omegn" in html and "Tybjerg og Omegn" in html
    assert "SMTPServerDisconnected" in html
    assert "@example.dk" not in html


def test_a_council_sees_its_own_area_only(client, django_user_model, plan, log):
    log_in_council_member(client, plan, django_user_model)
    response = client.get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Glumsø og Omegn" in html
    assert "Tybjerg og Omegn" not in html and "SMTPServerDisconnected" not in html
    assert "@example.dk" not in html


def test_a_council_counts_its_areas_followers(client, django_user_model, plan, log):
    log_in_council_member(client, plan, django_user_model)
    response = client.get(URL)
    assert [(p.title, n) for p, n in response.context["areas"]] == [("Glumsø og Omegn", 2)]


def test_an_admin_user_of_no_area_is_refused(client, django_user_model, log):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("anden", "a@example.dk", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(URL)
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403)
    assert "Glumsø" not in response.content.decode()
