"""WhiteNoise's table of the static files, read once per process (cms.static_files): Wagtail's
preview loads every middleware anew for each preview an editor opens."""

from django.test import RequestFactory

import pytest
from whitenoise.middleware import WhiteNoiseMiddleware

from cms.static_files import StaticFilesMiddleware

STYLESHEET = b"body { color: black; }"


@pytest.fixture
def static_root(tmp_path, settings, monkeypatch):
    (tmp_path / "site.css").write_bytes(STYLESHEET)
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = False  # as in production (DEBUG off)
    monkeypatch.setattr(StaticFilesMiddleware, "_scanned", {})
    return tmp_path


@pytest.fixture
def reads(monkeypatch):
    """The folders WhiteNoise reads the files of, in order."""
    folders = []
    read = WhiteNoiseMiddleware.update_files_dictionary

    def counted(self, root, prefix):
        folders.append(root)
        return read(self, root, prefix)

    monkeypatch.setattr(WhiteNoiseMiddleware, "update_files_dictionary", counted)
    return folders


def test_a_second_middleware_reads_no_file_and_serves_what_the_first_found(static_root, reads):
    StaticFilesMiddleware(lambda request: None)
    second = StaticFilesMiddleware(lambda request: None)

    response = second(RequestFactory().get("/static/site.css"))

    assert len(reads) == 1
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == STYLESHEET


def test_an_unknown_static_address_still_falls_through_to_django(static_root, reads):
    StaticFilesMiddleware(lambda request: None)
    second = StaticFilesMiddleware(lambda request: "Django's answer")

    assert second(RequestFactory().get("/static/missing.css")) == "Django's answer"
