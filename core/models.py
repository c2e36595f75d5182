"""The base of every public page, and the site's contact details and settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageManager, PageViewRestriction, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .content_cache import remembered
from .locales import with_cached_locale
from .slugs import slug_from_translated_title


def in_private_section():
    """True for a page under a view restriction (on itself or an ancestor), as a subquery."""
    restrictions_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Exists(restrictions_above)


def private_sections() -> list[tuple[str, int]]:
    """The (path, depth) of every page under a view restriction of its own: the private
    sections. Read once per content change (`remembered`: a restriction added, changed or
    removed, a page moved or deleted bumps the generation), not once per listing."""
    from .middleware import current_request

    def read():
        restricted = PageViewRestriction.objects.values_list("page__path", "page__depth")
        return sorted(set(restricted))

    return remembered(current_request(), "private-sections", read)


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        """Wagtail's (for `public()`, `private()`, `not_public()`), from `private_sections`:
        Wagtail's reads every view restriction in a query of its own, on each listing. Pages
        are tested by path on the listing's own rows, which a search backend filters by too."""
        q = Q()
        for path, depth in private_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    def translations_of(self, page_ids, locale_id) -> dict:
        """{id: this queryset's page in the locale with the id's translation key} for pages that
        rows point at (a translated row keeps its source's links): one query, however many."""
        ids = {pk for pk in page_ids if pk}
        if not ids:
            return {}
        pointed_at = Page.objects.filter(pk__in=ids)
        found = self.filter(
            locale_id=locale_id, translation_key__in=pointed_at.values("translation_key")
        ).annotate(
            pointed_at=Subquery(
                pointed_at.filter(translation_key=OuterRef("translation_key"))
                .order_by("-pk")
                .values("pk")[:1]
            )
        )
        return {page.pointed_at: page for page in found}


class BasePage(Page):
    """What every public page says about itself, each page type in its own way: a description
    and an image to share, schema.org data, and the feeds it offers. `core_tags` reads these
    for the page's head; a page type overrides what applies to it."""

    objects = PageManager.from_queryset(SitePageQuerySet)()
    # Relations the page's own view reads, fetched with the page when a request is routed to it.
    route_select_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A translation saved with its source page's slug gets one from its own title, before
        # Wagtail works out the page's address (and its descendants' and redirects).
        if kwargs.get("update_fields") is None and (slug := slug_from_translated_title(self)):
            self.slug = slug
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        with_cached_locale(self)
        return super().get_context(request, *args, **kwargs)

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the path read in one query: Wagtail's reads
        each level's page and then its specific page, two queries a level. A page whose type
        routes itself (a routable page) still gets the rest of the path, as in Wagtail's."""
        if not path_components:
            return super().route(request, path_components)
        paths, url_path = [], self.url_path
        for slug in path_components:
            url_path += f"{slug}/"
            paths.append(url_path)
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=paths, path__startswith=self.path, depth__gt=self.depth
            )
        }
        for level, url_path in enumerate(paths):
            page = found.get(url_path)
            if page is None or page.depth != self.depth + level + 1:
                raise Http404
            remaining = path_components[level + 1 :]
            page_class = page.specific_class
            if not remaining or page_class is None or page_class.route not in PLAIN_ROUTES:
                return specific_page(page).route(request, remaining)
        raise Http404  # not reached: the last level returns

    @classmethod
    def routed_pages(cls, pages):
        """`pages` of this type as a request routed to one reads it: with the relations in
        `route_select_related`; a type may add what its own view reads."""
        return pages.select_related(*cls.route_select_related)

    def get_view_restrictions(self):
        """Wagtail's (the restrictions on this page and its ancestors, an alias's on its
        source page) in one query: Wagtail's reads the ancestors first, on every page view."""
        steplen = self.steplen
        ancestor_paths = [self.path[:end] for end in range(steplen, len(self.path), steplen)]
        ancestors = Page.objects.filter(path__in=ancestor_paths)
        own = Q(page_id=self.alias_of_id or self.pk)
        return PageViewRestriction.objects.filter(
            own
            | Q(page__path__in=ancestor_paths, page__alias_of__isnull=True)
            | Q(page__in=ancestors.filter(alias_of__isnull=False).values("alias_of"))
        )

    def share_description(self) -> str:
        return self.search_description

    def share_image(self):
        """The image share previews show, or None for the site's default (`ContactDetails`)."""
        return None

    def share_image_alt(self) -> str:
        return ""

    def structured_data(self, request) -> dict | None:
        """schema.org data for the page's JSON-LD, or None."""
        return None

    def feeds(self) -> list[dict]:
        """Feeds for the head and the page: dicts with `title`, `url` and `type`."""
        return []


def image_alt_text_field():
    return models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the picture shows, for people who cannot see it, in the page's language. "
            "Leave empty to use the image's description."
        ),
    )


class PagePicture(models.Model):
    """A page's own picture (its hero, its card and its share image) with alt text that belongs
    to the page, as Wagtail's ImageBlock gives a picture in a body its contextual alt text.

    The alt text is a text field of the page, so wagtail-localize translates it with the page;
    the image's description (one text, in the library's language) is only its default."""

    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = image_alt_text_field()
    route_select_related = ("image",)

    class Meta:
        abstract = True

    @property
    def image_alt(self) -> str:
        if self.image is None:
            return ""
        return self.image_alt_text or self.image.description

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text and not self.image.description:
            message = _("Describe the picture for people who cannot see it.")
            raise ValidationError({"image_alt_text": message})

    def share_image(self):
        return self.image

    def share_image_alt(self) -> str:
        return self.image_alt


class SummaryPage(PagePicture, BasePage):
    """A page listed in cards and search: a short summary and a picture."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for lists and search.")
    )

    class Meta:
        abstract = True

    def share_description(self) -> str:
        return self.search_description or self.summary


class ContactDetails(TranslatableMixin, models.Model):
    """The site's name and the municipality's contact block, in each language."""

    site_name = models.CharField(_("site name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    opening_hours = models.CharField(_("phone hours"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    digital_post_url = models.URLField(
        _("digital post link"), blank=True, help_text=_("Where residents send Digital Post.")
    )
    share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without a picture of its own is shared."),
    )
    share_image_alt_text = image_alt_text_field()

    panels = [
        FieldPanel("site_name"),
        FieldPanel("unit"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
        FieldPanel("email"),
        FieldPanel("digital_post_url"),
        FieldPanel("share_image"),
        FieldPanel("share_image_alt_text"),
    ]
    translatable_fields = [
        TranslatableField("site_name"),
        TranslatableField("unit"),
        TranslatableField("address"),
        TranslatableField("opening_hours"),
        TranslatableField("share_image_alt_text"),
        SynchronizedField("share_image"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("digital_post_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self):
        return f"{self.unit} ({self.locale})"

    @property
    def share_image_alt(self) -> str:
        if self.share_image is None:
            return ""
        return self.share_image_alt_text or self.share_image.description


@register_setting(icon="site")
class ContactSettings(BaseSiteSetting):
    """Which contact details the site shows in the footer of every page, with the statements
    every page links to. (Named "site footer" in the menu, beside the contact details it picks
    from, which have their own name and icon.)"""

    # Every page shows the contact details, their share image and the privacy link: read them
    # with the settings, in the one query Wagtail makes for them per request.
    select_related = ["contact__share_image", "privacy_page"]

    contact = models.ForeignKey(
        ContactDetails,
        verbose_name=_("contact details"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the language of the page when translated."),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement in the WAS tool"),
        blank=True,
        help_text=_("If set, /was leads here instead of to the page above."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy and cookies page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("contact"),
        FieldPanel("accessibility_statement"),
        FieldPanel("accessibility_statement_url"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site footer")


# Page types that route only to their children (not a routable page's own sub-addresses).
PLAIN_ROUTES = (Page.route, BasePage.route)


def specific_page(page):
    """`page.specific`, with the relations its type names in `route_select_related` fetched in
    the same query, and whether it is in a private section (`in_private_section`)."""
    page_class = page.specific_class
    if page_class is None or isinstance(page, page_class):
        return page.specific
    found = routed_pages(page_class).filter(pk=page.pk).first()
    if found is None:
        raise Http404
    return without_restrictions_if_public(found)


def without_restrictions_if_public(page):
    """`page`, read by `routed_pages`, answering Wagtail's check of its view restrictions
    (before every page view) without a query when its section is public: for every page type,
    also those whose `get_view_restrictions` is Wagtail's own (two queries)."""
    if not page.in_private_section and not page.alias_of_id:
        page.get_view_restrictions = PageViewRestriction.objects.none
    return page


def routed_pages(page_class):
    """Pages of `page_class` as `specific_page` reads them. Whether a page is private is asked
    of the database here, not of the remembered `private_sections` as listings do: a page
    answered as public skips Wagtail's check of its view restrictions."""
    pages = page_class._base_manager.annotate(in_private_section=in_private_section())
    routed = getattr(page_class, "routed_pages", None)
    return routed(pages) if routed else pages
