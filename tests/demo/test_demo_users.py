"""The demo's people have names, so an editor can tell who sent what from which area."""

from django.contrib.auth import get_user_model

import pytest

from plan_pages.models import LocalAreaPlanPage

pytestmark = pytest.mark.django_db


def test_each_council_member_and_the_editor_has_a_name_of_their_own(demo_site):
    members = get_user_model().objects.filter(username__startswith="lokalraad-")
    names = [user.get_full_name() for user in members]
    plans = LocalAreaPlanPage.objects.filter(locale__language_code="da")

    assert len(set(names)) == len(names) == plans.count()
    assert all(" " in name for name in names)  # first and last name
    assert get_user_model().objects.get(username="redaktoer").get_full_name() == "Mette Kjærgaard"


def test_the_editor_sees_who_sent_the_demo_submission_and_from_which_area(demo_site, client):
    member = get_user_model().objects.get(username="lokalraad-glumsoe-og-omegn")
    client.force_login(get_user_model().objects.get(username="redaktoer"))

    html = client.get("/admin/").content.decode()
    row = html.split("Sendt fra lokalrådene")[1].split("</tr>")[1]

    assert "Glumsø og Omegn" in row
    assert member.get_full_name() in row
