from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_the_old_favicon_address_leads_to_the_icon_every_page_names(client, site_root):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == static("core/favicon.svg")
    assert Path(finders.find("core/favicon.svg")).read_text(encoding="utf-8").startswith("<svg")
