"""The apps' layers, for what import-linter cannot see: names in strings and templates.

The layers come from import-linter's contract in pyproject.toml (highest first; apps joined by
"|" are independent). An app may name the apps below it; it never names an app above it or an
independent neighbour: not as a model or app-labelled string ("home.HomePage", in
parent_page_types, subpage_types, ForeignKeys, migrations), not by a template of that app
(in Python or in {% include %}/{% extends %}), and not by loading that app's template tags.
"""

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_TEMPLATES = "cms"  # the top-level templates/ folder is the project's own
# What every app may name of the project that hosts it, as reusable Django apps do: the page
# layout its page templates extend.
HOST_TEMPLATES = {"base.html"}
TEMPLATE_TAG = re.compile(r"{%\s*(load|include|extends)\s+([^%]*?)\s*%}")
QUOTED = re.compile(r"""["']([^"']+)["']""")


def layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [contract] = [c for c in config["contracts"] if c["type"] == "layers"]
    return [[app.strip() for app in layer.split("|")] for layer in contract["layers"]]


def forbidden_for(app: str) -> set[str]:
    """The apps `app` must never name: every app above it, and its independent neighbours."""
    above = set()
    for layer in layers():
        if app in layer:
            return above | (set(layer) - {app})
        above |= set(layer)
    raise AssertionError(f"{app} is in no layer")


def installed_apps() -> set[str]:
    """The installed apps that live in this repository."""
    from django.apps import apps as registry

    return {
        config.name
        for config in registry.get_app_configs()
        if Path(config.path).resolve().parent == ROOT
    }


def apps() -> list[str]:
    """The layered apps, highest first ("benchmarks" is scripts, not an app)."""
    return [app for layer in layers() for app in layer if (ROOT / app / "__init__.py").exists()]


def templates_of(app: str) -> set[str]:
    folder = ROOT / ("templates" if app == PROJECT_TEMPLATES else f"{app}/templates")
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


def tag_libraries_of(app: str) -> set[str]:
    return {path.stem for path in (ROOT / app / "templatetags").glob("*.py")} - {"__init__"}


def names_in_python(source: str, others: set[str], their_templates: set[str]) -> list[str]:
    """String constants naming one of `others` ("app.Model", "app.module") or their templates."""
    label = re.compile(rf"^({'|'.join(map(re.escape, others))})\.\w+$") if others else None
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if (label and label.match(value)) or value in their_templates:
                found.append(value)
    return found


def names_in_template(source: str, their_libraries: set[str], their_templates: set[str]):
    found = []
    for tag, argument in TEMPLATE_TAG.findall(source):
        if tag == "load":
            found += [name for name in argument.split() if name in their_libraries]
        else:
            found += [name for name in QUOTED.findall(argument) if name in their_templates]
    return found


def violations(app: str) -> list[str]:
    others = forbidden_for(app)
    their_templates = set().union(*(templates_of(other) for other in others))
    their_templates -= templates_of(app) | HOST_TEMPLATES
    their_libraries = set().union(
        *(tag_libraries_of(other) for other in others if other != PROJECT_TEMPLATES)
    )
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for name in names_in_python(path.read_text(), others, their_templates):
            found.append(f"{path.relative_to(ROOT)}: {name}")
    for path in sorted((ROOT / app / "templates").rglob("*")):
        if path.is_file():
            for name in names_in_template(path.read_text(), their_libraries, their_templates):
                found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


@pytest.mark.parametrize("app", apps())
def test_an_app_never_names_an_app_above_it_in_strings_or_templates(app):
    assert violations(app) == []


def test_every_app_of_ours_has_a_place_in_the_layers():
    assert installed_apps() <= set(apps())


def test_the_check_finds_a_model_string_a_template_and_a_tag_library():
    lowest, highest = layers()[-1][0], layers()[1][0]
    others = forbidden_for(lowest)
    assert highest in others
    source = f'parent_page_types = ["{highest}.SomePage"]\ntemplate = "pages/x.html"'
    assert sorted(names_in_python(source, others, {"pages/x.html"})) == [
        f"{highest}.SomePage",
        "pages/x.html",
    ]
    template = '{% load i18n their_tags %}{% include "components/theirs.html" with a=1 %}'
    assert names_in_template(template, {"their_tags"}, {"components/theirs.html"}) == [
        "their_tags",
        "components/theirs.html",
    ]
