"""Translate an object through wagtail-localize with texts that are already written.

The loaders here hold each text in both languages. Rather than build a second tree by hand,
they translate the Danish source the way an editor would: every string of the source gets its
translation, and wagtail-localize creates (or updates) the target. The translation then stays
linked to its source, so editors can sync it when the Danish text changes.
"""

from django.db import models, transaction
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TwinMismatch(ValueError):
    """The target-language twin is not built like its source."""


def string_pairs(source_instance, twin) -> dict[tuple[str, str], str]:
    """Map each (path, source string) to the twin's string at the same place.

    A list of words (`TranslatableWordsField`) has its words as paths, so there the twin's
    words are paired with the source's by their order."""
    source_strings, twin_strings = (
        [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]
        for instance in (source_instance, twin)
    )
    words_fields = {
        field.name
        for field in type(source_instance)._meta.fields
        if isinstance(field, TranslatableWordsField)
    }

    def place(segment):
        field_name = segment.path.split(".")[0]
        return field_name if field_name in words_fields else segment.path

    source_places = [place(s) for s in source_strings]
    twin_places = [place(s) for s in twin_strings]
    if source_places != twin_places:
        raise TwinMismatch(f"{source_instance!r}: {source_places} differs from {twin_places}")
    return {
        (s.path, s.string.data): t.string.data
        for s, t in zip(source_strings, twin_strings, strict=True)
    }


@transaction.atomic
def translate_from_twin(source_instance, twin, locale, user=None):
    """Translate `source_instance` into `locale`, taking every string from `twin`: an unsaved
    copy of the source written in the target language, with the same child objects (and their
    translation keys) and the same StreamField block ids. Returns the published translation."""
    pairs = string_pairs(source_instance, twin)
    source, _created = TranslationSource.get_or_create_from_instance(source_instance)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": pairs[(segment.context.path, segment.string.data)]},
        )
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    # wagtail-localize publishes on commit, from a page object taken before any children were
    # added under it; inside a longer transaction that would reset the tree. So the draft it
    # saves is published here, from a fresh copy.
    has_drafts = isinstance(source_instance, DraftStateMixin)
    translation.save_target(user=user, publish=not has_drafts)
    target = translation.get_target_instance()
    if has_drafts:
        target.get_latest_revision().publish(user=user)
    return target


def share_translation_keys(source_children, twin_children):
    """Give the twin's child objects the keys of the source's, in order, so paths match."""
    source_children, twin_children = list(source_children), list(twin_children)
    if len(source_children) != len(twin_children):
        raise TwinMismatch(f"{len(source_children)} source children, {len(twin_children)} in twin")
    for source_child, twin_child in zip(source_children, twin_children, strict=True):
        twin_child.translation_key = source_child.translation_key


class TranslatableWordsField(models.JSONField):
    """A list of short words (a page's tags) that wagtail-localize translates one by one: each
    word is a segment of its own in the translation editor, found by the word itself, so a
    translated word stays with its word when others are added or the order changes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("default", list), ("blank", True)):
            if kwargs.get(key) == value:
                del kwargs[key]
        return name, path, args, kwargs

    @staticmethod
    def paths(words):
        """Each word's segment path: its slug, numbered if two words share one."""
        seen = {}
        for word in words:
            slug = slugify(word) or "word"
            seen[slug] = seen.get(slug, 0) + 1
            yield slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"

    def get_translatable_segments(self, value):
        words = value or []
        return [
            StringSegmentValue(path, word)
            for path, word in zip(self.paths(words), words, strict=True)
        ]

    def restore_translated_segments(self, value, segments):
        translated = {segment.path: segment.render_text() for segment in segments}
        words = value or []
        return [
            translated.get(path, word) for path, word in zip(self.paths(words), words, strict=True)
        ]


class TranslatableWordsPanel(FieldPanel):
    """Places a `TranslatableWordsField` in wagtail-localize's translation editor, which shows a
    segment only on the tab of its field's panel. The words are written from another field (the
    tags) when the page is saved, so the panel itself is never shown."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return False
