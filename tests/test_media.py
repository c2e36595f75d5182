"""Uploaded pictures are served where no web server stands in front of Django: in development
(DEBUG) and to the browser tests' live server (SERVE_MEDIA); in production nginx serves them."""

import pytest

from core.tests.factories import ImageFactory


@pytest.mark.django_db
def test_the_test_server_serves_uploaded_pictures(client):
    image = ImageFactory()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
