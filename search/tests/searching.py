from django.urls import reverse
from django.utils import translation


def search(client, params, language="da"):
    """The search page in a language, as a resident's browser asks for it."""
    with translation.override(language):
        url = reverse("search")
    return client.get(url, params)


def found(client, language, words) -> set[str]:
    """The titles of the projects the words find."""
    response = search(client, {"q": words}, language)
    return {project.title for project in response.context["outcome"].page.object_list}


def publish(page):
    page.save_revision().publish()
    return page
