"""Every template and code string is translated in both catalogues, and nothing is fuzzy."""

import shutil
import subprocess
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

import pytest

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def problems(po_file):
    """msgfmt's verdict on a catalogue: empty when every entry is translated and none is fuzzy."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    statistics = result.stderr
    if result.returncode or "untranslated" in statistics or "fuzzy" in statistics:
        return statistics.strip()
    return ""


# Where translatable strings live: every app of ours (a folder with apps.py) and the templates.
ROOT_DIR = Path(__file__).resolve().parent.parent
SOURCE_DIRS = sorted(path.parent.name for path in ROOT_DIR.glob("*/apps.py")) + ["templates"]


def extract(tmp_path, monkeypatch):
    """The catalogues after extracting every string the code and templates use today.

    makemessages writes to the `locale/` beside the files it reads, and a temporary `.py` copy
    beside each template while it runs, so it runs in a copy of the sources and catalogues: the
    project's own catalogues stay untouched, and tests running beside it (other test
    processes reading the sources, another extraction) never see its temporary files.
    """
    for name in SOURCE_DIRS:
        shutil.copytree(
            settings.BASE_DIR / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"),
        )
    locale_dir = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", locale_dir)
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[locale_dir]):
        call_command(
            "makemessages",
            locale=LANGUAGES,
            ignore_patterns=["static/*", "*/static/*"],
            add_location="file",
            stdout=StringIO(),
        )
    return locale_dir


@pytest.fixture
def fresh_catalogues(tmp_path, monkeypatch):
    return extract(tmp_path, monkeypatch)


def test_extraction_reads_the_sources_and_leaves_the_projects_catalogues_alone(
    tmp_path, monkeypatch
):
    project = settings.BASE_DIR / "locale" / "da" / "LC_MESSAGES" / "django.po"
    before = project.read_bytes()

    extracted = extract(tmp_path, monkeypatch) / "da" / "LC_MESSAGES" / "django.po"

    assert project.read_bytes() == before
    assert 'msgid "Send your answer"' in extracted.read_text()  # from a template
    assert 'msgid "Ideas from the citizens\' meeting"' in extracted.read_text()  # from code


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(fresh_catalogues, language):
    assert problems(fresh_catalogues / language / "LC_MESSAGES" / "django.po") == ""


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_danish_for_wagtails_admin_is_complete(domain):
    catalogue = settings.BASE_DIR / "admin_locale" / "da" / "LC_MESSAGES" / f"{domain}.po"
    assert problems(catalogue) == ""
