"""The rule in conftest.py for tests that cannot run everywhere: a missing tool skips a test on a
developer's machine and fails it under CI=true; a PostgreSQL test on SQLite is not applicable."""

import os
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # two runs of pytest in a subprocess

EXAMPLES = textwrap.dedent(
    """
    import sys

    import pytest

    import conftest

    conftest.TOOLS["nothing"] = (lambda: "/nonexistent/nothing", "a tool that is not there")
    conftest.TOOLS["python"] = (lambda: sys.executable, "Python")


    def test_a_missing_tool(tool):
        tool("nothing")


    def test_a_tool_that_is_there(tool):
        assert tool("python") == sys.executable


    def test_a_plain_skip():
        pytest.skip("for no good reason")


    @pytest.mark.postgresql
    def test_postgresql_only():
        pass
    """
)


def outcomes(tmp_path, ci):
    """Runs EXAMPLES beside a copy of the project's conftest.py, with the project's settings:
    {test name: outcome}."""
    shutil.copy(PROJECT_ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_examples.py").write_text(EXAMPLES)
    report = tmp_path / "report.xml"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DATABASE_URL")}
    if ci:
        env["CI"] = "true"
    subprocess.run(
        [
            sys.executable,
            *("-m", "pytest", "-c", str(PROJECT_ROOT / "pyproject.toml")),
            *("--rootdir", str(tmp_path), f"--junitxml={report}", "-q"),
            str(tmp_path / "test_examples.py"),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    found = {}
    for case in ET.parse(report).iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("skipped", "failure", "error")]
        found[case.get("name")] = kinds[0] if kinds else "passed"
    return found


def test_a_missing_tool_skips_on_a_developers_machine(tmp_path):
    assert outcomes(tmp_path, ci=False) == {
        "test_a_missing_tool": "skipped",
        "test_a_tool_that_is_there": "passed",
        "test_a_plain_skip": "skipped",
        "test_postgresql_only": "skipped",
    }


def test_under_ci_nothing_skips_but_what_is_not_applicable(tmp_path):
    found = outcomes(tmp_path, ci=True)
    assert found["test_a_missing_tool"] == "failure"
    assert found["test_a_tool_that_is_there"] == "passed"
    assert found["test_a_plain_skip"] == "failure"
    assert found["test_postgresql_only"] == "skipped"
