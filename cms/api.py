"""What every endpoint of the open-data API (/api/v2/, docs/api.md) checks before it reads
the database: a value that is not what its parameter takes is a 400 with a message that says
what it takes, never an error from the database (a 500).

Wagtail's own checks leave gaps that reach the database: numbers past its integers, control
characters, dates that are not dates, ids of related objects that are not numbers, and search
syntax that SQLite's full-text index refuses. `validated(viewset)` adds these checks to an
endpoint; cms/urls.py registers every endpoint through it.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone

from taggit.managers import TaggableManager
from wagtail.api.v2.utils import BadRequestError

from core.api import ServedPageSerializer

# Every database's integer holds it; no page, offset or id of this site comes near it.
LARGEST_NUMBER = 2**31 - 1
# Parameters that take a page id (or a count); child_of and descendant_of also take "root".
NUMBER_PARAMETERS = {
    "offset": (),
    "limit": (),
    "id": (),
    "child_of": ("root",),
    "descendant_of": ("root",),
    "ancestor_of": (),
    "translation_of": (),
}
# Words, as the search page takes them: quotes, brackets, * and the like are syntax to a
# search backend (SQLite's FTS5), and are refused rather than guessed at.
SEARCH_TEXT = re.compile(r"[\w\s'’.,-]*")
LONGEST_SEARCH = 200
# How the words of a search combine (Wagtail's search_operator); anything else made a 500.
SEARCH_OPERATORS = ("and", "or")


def check_number(name, value, words=(), signed=False):
    if value in words:
        return
    pattern = r"-?[0-9]{1,10}" if signed else r"[0-9]{1,10}"
    if not re.fullmatch(pattern, value) or abs(int(value)) > LARGEST_NUMBER:
        also = "".join(f" or {word!r}" for word in words)
        raise BadRequestError(
            f"{name} must be a whole number from {'-' if signed else ''}0 to {LARGEST_NUMBER}{also}"
        )


def check_text(name, value):
    if any(unicodedata.category(character) == "Cc" for character in value.replace("\t", "")):
        raise BadRequestError(f"{name} must not contain control characters")


def check_search(value):
    if len(value) > LONGEST_SEARCH:
        raise BadRequestError(f"search must be at most {LONGEST_SEARCH} characters")
    if not SEARCH_TEXT.fullmatch(value):
        raise BadRequestError("search takes words: letters, digits, spaces and - ' . ,")


def check_field_filter(model, name, value):
    """`?<field>=<value>`: a value the field can hold, checked as Wagtail's filter will use it."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return  # not a filter: Wagtail answers that the parameter is unknown
    if isinstance(field, TaggableManager):
        return
    if field.is_relation:
        if isinstance(field.related_model._meta.pk, models.IntegerField):
            check_number(name, value)
    elif isinstance(field, models.BooleanField):
        return  # Wagtail's own check answers 400
    elif isinstance(field, models.IntegerField):
        check_number(name, value, signed=True)
    else:
        try:
            parsed = field.to_python(value)
        except ValidationError as error:
            raise BadRequestError(f"{name}: {' '.join(error.messages)}") from error
        if isinstance(field, models.DateTimeField):
            check_moment(name, parsed)


def check_moment(name, moment):
    """A moment the database can compare with: in UTC, between the years 1 and 9999."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise BadRequestError(f"{name} is out of range") from error


class ValidatedQueryMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name, values in request.GET.lists():
            check_text("query parameter names", name)
            for value in values:
                check_text(name, value)
                if name in NUMBER_PARAMETERS:
                    check_number(name, value, NUMBER_PARAMETERS[name])
                elif name == "search":
                    check_search(value)
                elif name == "search_operator" and value not in SEARCH_OPERATORS:
                    raise BadRequestError("search_operator must be 'and' or 'or'")
                elif name != "locale" and self.model is not None:  # locale: a language code
                    check_field_filter(self.model, name, value)


def validated(viewset):
    """The page endpoint with the checks above before its own, and its page addresses on the
    host the site is served on (`core.api`)."""
    return type(
        viewset.__name__,
        (ValidatedQueryMixin, viewset),
        {"base_serializer_class": ServedPageSerializer},
    )
