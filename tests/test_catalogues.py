"""Every template and code string is translated in both catalogues, and nothing is fuzzy."""

import shutil
import subprocess
from io import StringIO

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


@pytest.fixture
def fresh_catalogues(tmp_path):
    """The catalogues after extracting every string the code and templates use today."""
    locale_dir = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", locale_dir)
    with override_settings(LOCALE_PATHS=[locale_dir]):
        call_command(
            "makemessages",
            locale=LANGUAGES,
            ignore_patterns=[".venv/*", "static/*", "node_modules/*", ".test-media/*"],
            add_location="file",
            stdout=StringIO(),
        )
    return locale_dir


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(fresh_catalogues, language):
    assert problems(fresh_catalogues / language / "LC_MESSAGES" / "django.po") == ""
