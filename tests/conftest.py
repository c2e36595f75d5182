"""The site as a whole: fixtures for the tests of the assembled project."""

from home.tests.fixtures import home_page  # noqa: F401
