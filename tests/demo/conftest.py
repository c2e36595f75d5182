import os
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.db import transaction

import pytest

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test here is slow: the demo site takes tens of seconds to build. With several
    test processes (pytest-xdist, `--dist loadgroup`) they all run in one, which builds it once."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group("demo-site"))


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site in both languages, built once for all the tests in this folder inside a
    transaction that is rolled back after them. Tests that use it need the `db` fixture too."""
    with django_db_blocker.unblock(), transaction.atomic():
        with mock.patch.dict(os.environ, {"DEMO_PASSWORD": "demo-Password-1"}):
            call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)
