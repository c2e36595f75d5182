"""Checks over every template of the project's apps."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)


def project_templates():
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]] + [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(PROJECT)
    ]
    return [path for folder in folders for path in folder.rglob("*.html")]


def test_no_template_comment_spans_lines():
    """Django's {# … #} ends at the line's end: one over two lines is printed on the page."""
    unclosed = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in project_templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\{#(?!.*#\})", line)
    ]
    assert project_templates(), "no templates found"
    assert unclosed == []
