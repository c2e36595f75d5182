from home.tests.fixtures import home_page  # noqa: F401
