"""The cron lines in README.md and docs/ run as written: from cron's bare environment, with the
site's settings from its environment file (bin/manage)."""

import re
import subprocess

import pytest

from .production import ROOT, SECRET_KEY, copy_site, manage

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
INSTALL_PATH = "/srv/naestved-lup"
# Five time fields, then the command.
CRON_LINE = re.compile(r"^(?:\S+\s+){5}(?P<command>\S.*)$")


def documented_cron_lines():
    lines = []
    for document in DOCUMENTS:
        for block in re.findall(r"```cron\n(.*?)```", document.read_text(encoding="utf-8"), re.S):
            lines += [
                line for line in block.splitlines() if line.strip() and not line.startswith("#")
            ]
    return lines


def cron_command(line):
    match = CRON_LINE.match(line)
    assert match, f"not a crontab line: {line!r}"
    # cron reads an unescaped % as the end of the command.
    assert "%" not in match["command"], line
    return match["command"].replace(INSTALL_PATH, str(ROOT))


def write_env_file(path, env):
    """The example environment file from docs/, with this test's database and secret."""
    ours = {
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": env["DATABASE_URL"],
        "ALLOWED_HOSTS": env["ALLOWED_HOSTS"],
        "LOG_LEVEL": "ERROR",
    }
    lines = []
    for line in (ROOT / "docs" / "production.env").read_text(encoding="utf-8").splitlines():
        name = line.partition("=")[0]
        if name in ours or name == "REDIS_URL":  # without Redis: the database's cache table
            continue
        lines.append(line)
    lines += [f"{name}={value}" for name, value in ours.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


EXPIRED_PAGE_AND_OLD_VOLUNTEER = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page
from home.tests.factories import HomePageFactory
from participation.models import SurveyResponse
from participation.tests.factories import SurveyPageFactory
from plan_pages.models import ProjectPage
from plan_pages.tests.factories import LocalAreaPlanPageFactory, ProjectPageFactory

now = timezone.now()
home = HomePageFactory(parent=Page.get_first_root_node())
plan = LocalAreaPlanPageFactory(parent=home)
plan.save_revision().publish()
project = ProjectPageFactory(parent=plan, slug="udloebet")
project.save_revision().publish()
ProjectPage.objects.filter(pk=project.pk).update(expire_at=now - timedelta(minutes=1))
survey = SurveyPageFactory(
    parent=plan, opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=300)
)
SurveyResponse.objects.create(survey=survey, language="da", name="Ida", email="ida@example.dk")
"""

STATE = """
from participation.models import SurveyResponse
from plan_pages.models import ProjectPage
print(ProjectPage.objects.get(slug="udloebet").live, SurveyResponse.objects.get().email or "-")
"""


def run_from_cron(command, env_file, home):
    """As cron runs a line: /bin/sh, a bare environment, the user's home as the folder."""
    cron_env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "SHELL": "/bin/sh"}
    if env_file is not None:
        cron_env["LUP_ENV_FILE"] = str(env_file)
    return subprocess.run(
        ["/bin/sh", "-c", command],
        env=cron_env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_readme_names_both_cron_jobs():
    commands = " ".join(documented_cron_lines())
    assert "publish_scheduled" in commands and "anonymise_volunteers" in commands


@pytest.mark.slow
def test_the_documented_cron_lines_run_as_written(production_template, tmp_path):
    env = copy_site(production_template, tmp_path)
    manage(env, "shell", "-c", EXPIRED_PAGE_AND_OLD_VOLUNTEER)
    assert manage(env, "shell", "-c", STATE).splitlines()[-1].split() == ["True", "ida@example.dk"]
    env_file = tmp_path / "naestved-lup.env"
    write_env_file(env_file, env)

    for line in documented_cron_lines():
        result = run_from_cron(cron_command(line), env_file, tmp_path)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"

    # The expired project is unpublished, the volunteer's address deleted.
    assert manage(env, "shell", "-c", STATE).splitlines()[-1].split() == ["False", "-"]
    assert not (tmp_path / "never").exists()


def test_a_cron_line_without_its_environment_file_fails_and_says_why(tmp_path):
    line = documented_cron_lines()[0]
    result = run_from_cron(cron_command(line), tmp_path / "missing.env", tmp_path)
    assert result.returncode != 0
    assert "missing.env" in result.stderr and "LUP_ENV_FILE" in result.stderr
