"""Joining a working group: the e-mail's subject, the thank-you, and a mail server that fails."""

import smtplib
from unittest import mock

from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

import pytest

from core.models import ContactSettings
from participation.models import WorkingGroup
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

THANKS = "Tak. Din besked er sendt til koordinatoren"
ANSWER = {"name": "Ida Storm", "email": "ida@example.dk", "message": "Jeg har en hammer."}


def project_with_group(site_root, **group):
    plan = LocalAreaPlanPageFactory(parent=site_root)
    plan.save_revision().publish()
    project = ProjectPageFactory(parent=plan, title="Fugleskjulet")
    project.working_groups = [
        WorkingGroup(
            name=group.get("name", "Skjulgruppen"),
            purpose="Bygger fugleskjulet.",
            coordinator_name="Mogens Brandt",
            coordinator_email="mogens@example.dk",
        )
    ]
    project.save_revision().publish()
    return project


def join_url(project):
    group = WorkingGroup.objects.get(page=project)
    return project.url + project.reverse_subpage("join", args=[group.pk])


def test_a_line_break_in_the_groups_name_gives_a_one_line_subject(client, site_root):
    project = project_with_group(site_root, name="Skjul-\ngruppen\r\nBcc: x@example.com")

    response = client.post(join_url(project), ANSWER)

    assert response.status_code == 302
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Skjul- gruppen Bcc: x@example.com" in message.subject
    assert message.bcc == []


def test_a_working_groups_name_coordinator_and_rhythm_are_one_line_each(site_root):
    group = WorkingGroup.objects.get(page=project_with_group(site_root))
    group.name = "Skjul\ngruppen"
    group.meeting_rhythm = "Hver tirsdag\r"
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert set(error.value.message_dict) == {"name", "meeting_rhythm"}


def test_only_the_resident_who_joined_sees_the_thank_you(client, site_root):
    project = project_with_group(site_root)
    group = WorkingGroup.objects.get(page=project)

    response = client.post(join_url(project), ANSWER)
    assert response["Location"] == f"{project.url}#working-group-{group.pk}"
    assert THANKS in client.get(project.url).content.decode()
    assert THANKS not in client.get(project.url).content.decode()  # shown once

    client.cookies.clear()
    assert THANKS not in client.get(f"{project.url}?joined={group.pk}").content.decode()


def test_the_thank_you_is_never_kept_in_the_page_cache(client, site_root, settings):
    ContactSettings.for_site(site_root.get_site())  # made on first read, as on a real site
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    project = project_with_group(site_root)
    client.get(project.url)
    assert client.get(project.url)["X-Page-Cache"] == "hit"

    client.post(join_url(project), ANSWER)
    with_thanks = client.get(project.url)
    assert THANKS in with_thanks.content.decode()
    assert "X-Page-Cache" not in with_thanks
    assert "private" in with_thanks["Cache-Control"]
    assert THANKS not in client.get(project.url).content.decode()


def test_when_the_mail_server_fails_the_form_keeps_what_was_written(client, site_root):
    project = project_with_group(site_root)
    failure = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    with mock.patch("participation.working_groups.EmailMessage.send", side_effect=failure):
        response = client.post(join_url(project), ANSWER)

    assert response.status_code == 503
    html = response.content.decode()
    assert 'value="Ida Storm"' in html and "Jeg har en hammer." in html
    assert "kunne ikke sendes" in html
