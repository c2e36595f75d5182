"""The image form says that the description is the alt text, and what to write in it."""

from django.urls import reverse

import pytest

from plan_pages.tests.factories import log_in_editor

pytestmark = pytest.mark.django_db


def test_the_image_form_calls_the_description_the_alt_text_and_explains_it(
    client, django_user_model
):
    log_in_editor(client, django_user_model)
    html = client.get(reverse("wagtailimages:add"), HTTP_ACCEPT_LANGUAGE="da").content.decode()

    assert "Beskrivelse (alt-tekst)" in html
    assert "Skærmlæsere læser teksten højt." in html
