"""Redis down: the site goes on uncached, log-ins and residents' answers still work, and
/healthz says that the cache is down (docs/operations.md). The same with the production
settings in a real server: tests/test_servers.py."""

from django.conf import settings as django_settings
from django.core import mail

import pytest

from participation.models import SurveyResponse, WorkingGroup
from participation.tests.factories import SurveyPageFactory, add_ideas
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once.
CLOSED_REDIS = {
    name: {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": name,
        "OPTIONS": django_settings.REDIS_CACHE_OPTIONS,
    }
    for name in ("default", "renditions")
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = CLOSED_REDIS
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def project(home_page):
    plan = LocalAreaPlanPageFactory(parent=home_page, title="Glumsø")
    plan.save_revision().publish()
    project = ProjectPageFactory(parent=plan, title="Legepladsen")
    project.working_groups = [
        WorkingGroup(
            name="Legepladsgruppen",
            purpose="Vi bygger.",
            coordinator_name="Karen",
            coordinator_email="karen@example.dk",
        )
    ]
    project.save_revision().publish()
    return project


def test_health_names_the_cache_when_redis_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}


def test_pages_are_served_uncached_when_redis_is_down(client, project, redis_down):
    for _ in range(2):
        response = client.get(project.url)
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
    assert client.get("/da/").status_code == 200


def test_editors_log_in_and_publish_when_redis_is_down(client, admin_user, project, redis_down):
    response = client.post("/admin/login/", {"username": "admin", "password": "password"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{project.pk}/edit/").status_code == 200

    response = client.post(
        f"/admin/bulk/wagtailcore/page/unpublish/?id={project.pk}", {"include_descendants": ""}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert not project.live


def test_residents_answers_are_taken_when_the_rate_limit_cannot_count(client, home_page, settings):
    """The rate limit fails open (RATELIMIT_FAIL_OPEN): an answer is saved, not refused."""
    settings.CACHES = CLOSED_REDIS
    settings.PARTICIPATION_RATE_LIMIT = "1/h"
    plan = LocalAreaPlanPageFactory(parent=home_page)
    plan.save_revision().publish()
    survey = SurveyPageFactory(parent=plan)
    survey.save_revision().publish()
    (idea,) = add_ideas(plan, "Legeplads")

    for _ in range(2):
        client.cookies.clear()
        response = client.post(survey.url, {f"idea-{idea.number}-priority": "4"})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert SurveyResponse.objects.filter(survey=survey).count() == 2


def test_joining_a_working_group_works_when_redis_is_down(client, project, redis_down):
    group = WorkingGroup.objects.get(page=project)
    response = client.post(
        project.url + project.reverse_subpage("join", args=[group.pk]),
        {"name": "Ole", "email": "ole@example.dk", "message": "Jeg kan save."},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
