"""The request's Wagtail site and its settings, read once per content change, not per page.

Every page asks for its site (routing, the chrome, page addresses) and for the site's settings
(the contact details, the map): rows that change a few times a year. They are remembered in
this process under the content generation (`core.content_cache.remembered`), which a save of a
site, a setting, a contact or an image bumps (cms.page_cache), in every process at once.
"""

from django.http.request import split_domain_port

from wagtail.models import Site

from core.content_cache import remembered


def current_site(request):
    """`Site.find_for_request(request)`, kept on the request where Wagtail looks for it."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        # As Wagtail's: the raw host, before ALLOWED_HOSTS is checked.
        key = ("site", split_domain_port(request._get_raw_host())[0], request.get_port())
        request._wagtail_site = remembered(request, key, lambda: Site._find_for_request(request))
    return request._wagtail_site


def site_settings(request, model):
    """`model.for_request(request)` for a site setting (a `BaseSiteSetting`), kept on the
    request where Wagtail's `for_request` and the `settings` context processor look for it.

    Unlike Wagtail's, it never writes: a site whose setting was never saved gets the defaults,
    unsaved, as Wagtail's would have stored them (a saved setting is a change every process sees).
    """
    attribute = model.get_cache_attr_name()
    if not hasattr(request, attribute):
        site = current_site(request)
        key = ("settings", model._meta.label, site.pk if site else None)
        instance = remembered(request, key, lambda: stored_or_default(model, site))
        instance._request = request  # as Wagtail's: the settings' page addresses for it
        setattr(request, attribute, instance)
    return getattr(request, attribute)


def stored_or_default(model, site):
    if site is None:
        raise model.DoesNotExist(f"{model.__name__} does not exist for no site.")
    return model.base_queryset().filter(site=site).first() or model(site=site)
