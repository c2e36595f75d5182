"""Translate an object through wagtail-localize with texts that are already written.

The loaders here hold each text in both languages. Rather than build a second tree by hand,
they translate the Danish source the way an editor would: every string of the source gets its
translation, and wagtail-localize creates (or updates) the target. The translation then stays
linked to its source, so editors can sync it when the Danish text changes.
"""

from django.db import transaction

from wagtail.models import DraftStateMixin
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class TwinMismatch(ValueError):
    """The target-language twin is not built like its source."""


def string_pairs(source_instance, twin) -> dict[tuple[str, str], str]:
    """Map each (path, source string) to the twin's string at the same place."""
    source_strings, twin_strings = (
        [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]
        for instance in (source_instance, twin)
    )
    source_paths = [s.path for s in source_strings]
    twin_paths = [s.path for s in twin_strings]
    if source_paths != twin_paths:
        raise TwinMismatch(f"{source_instance!r}: {source_paths} differs from {twin_paths}")
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
