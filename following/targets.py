"""What can be followed, and the page that shows it: an area (its plan), a project, a UN goal
(its goal page) or everything (the overview)."""

import uuid

from django.conf import settings

from plan_pages.models import LocalAreaPlanPage, ProjectPage
from sdg.models import SDGGoalPage

from .models import Target

MODELS = {Target.AREA: LocalAreaPlanPage, Target.PROJECT: ProjectPage}


def target_of(page):
    """(target, key) for the page's follow form, or None when the page cannot be followed."""
    if isinstance(page, SDGGoalPage):
        return Target.GOAL, str(page.number)
    for target, model in MODELS.items():
        if isinstance(page, model):
            return target, str(page.translation_key)
    if page.depth == 2:  # the overview, at the top of each language's tree
        return Target.EVERYTHING, ""
    return None


def target_page(target, key, language):
    """The live, public page of a target in `language` (or the source language), or None."""
    if target == Target.EVERYTHING:
        return None
    if target == Target.GOAL:
        if not (key.isdigit() and 1 <= int(key) <= 17):  # a huge number would overflow the DB
            return None
        pages = SDGGoalPage.objects.filter(number=int(key))
    elif target in MODELS:
        pages = MODELS[target].objects.filter(translation_key=validated_uuid(key))
    else:
        return None
    pages = pages.live().public().select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE)


def validated_uuid(key):
    try:
        return uuid.UUID(key)
    except (ValueError, TypeError, AttributeError):
        return None


def exists(target, key) -> bool:
    """Whether the form's hidden fields name something that can be followed."""
    if target == Target.EVERYTHING:
        return key == ""
    return target_page(target, key, "") is not None
