from io import StringIO
from urllib.parse import urlparse

from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

import pytest

from plan_pages.models import LocalCouncil
from plan_pages.tests.factories import LocalAreaPlanPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(site_root):
    return LocalAreaPlanPageFactory(
        parent=site_root, title="Glumsø og Omegn", slug="glumsoe-og-omegn"
    )


def add_member(*args):
    call_command("add_council_member", *args, stdout=StringIO())


def test_a_new_member_joins_the_council_and_sets_a_password_from_the_email(plan, django_user_model):
    add_member("glumsoe-og-omegn", "Karen.Holm@example.dk", "--first-name", "Karen")

    user = django_user_model.objects.get(email="Karen.Holm@example.dk")
    council = LocalCouncil.objects.get(plan_key=plan.translation_key)
    assert list(user.groups.all()) == [council.group]
    assert not user.has_usable_password()
    message = mail.outbox[-1]
    assert message.to == ["Karen.Holm@example.dk"]
    assert message.subject == "Din adgang til de lokale udviklingsplaner i Næstved Kommune"

    link = next(line for line in message.body.splitlines() if "/admin/password_reset/" in line)
    client = Client()
    # Django swaps the token in the link for a session-held one and redirects to the form.
    form_url = client.get(urlparse(link.strip()).path, follow=True).redirect_chain[-1][0]
    new_password = "Glumsø-sø-2026!"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_an_existing_user_is_updated_not_duplicated(plan, django_user_model):
    django_user_model.objects.create_user("karen", "karen@example.dk", "old-password")

    add_member("glumsoe-og-omegn", "KAREN@example.dk")

    assert django_user_model.objects.count() == 1
    user = django_user_model.objects.get()
    assert user.groups.filter(local_council__isnull=False).count() == 1
    assert user.check_password("old-password")


def test_an_unknown_area_is_refused_with_the_known_ones(plan):
    with pytest.raises(
        CommandError, match="No local area has the slug 'glumsoe'.*glumsoe-og-omegn"
    ):
        add_member("glumsoe", "karen@example.dk")
    assert not mail.outbox


@pytest.mark.parametrize("email", ["karen", "karen@", "karen@example dk", ""])
def test_an_invalid_email_is_refused(plan, django_user_model, email):
    with pytest.raises(CommandError, match="is not a valid e-mail address"):
        add_member("glumsoe-og-omegn", email)
    assert not django_user_model.objects.exists()
    assert not mail.outbox
