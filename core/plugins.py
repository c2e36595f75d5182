"""How a higher app adds to a lower app's pages without the lower app naming it.

A lower app names a Wagtail hook where its pages can be extended; a higher app registers a
function for it in its `wagtail_hooks.py`. Three kinds of extension are used:

- panels in the page editor (`PluginPanels`): the hook returns a list of panels;
- routes under a routable page (`PluginRoutesMixin`): the hook returns a list of `path()`s whose
  views take the page first, like a routable page's own methods;
- sections of a public page (`{% plugin_sections "hook" page %}` in `core_tags`): the hook takes
  the page and the request and returns HTML, or "" when it has nothing to show.
"""

from wagtail import hooks


def contributions(hook_name, *args) -> list:
    """Everything the functions registered for `hook_name` return, in registration order."""
    return [item for hook in hooks.get_hooks(hook_name) for item in hook(*args)]


class PluginPanels:
    """A page type's `content_panels`: its own panels, then those of the hook `hook_name`.

    A descriptor, so the hook is read when Wagtail builds the editor (after every app's
    `wagtail_hooks` are loaded), not when the model class is defined.
    """

    def __init__(self, panels, hook_name):
        self.panels = list(panels)
        self.hook_name = hook_name

    def __get__(self, instance, owner):
        return [*self.panels, *contributions(self.hook_name)]


class PluginRoutesMixin:
    """For a `RoutablePageMixin` page: its routes, then those of the hook named by
    `plugin_routes_hook`. Must come before `RoutablePageMixin` in the bases."""

    plugin_routes_hook = None

    @classmethod
    def get_subpage_urls(cls):
        routes = super().get_subpage_urls()
        if cls.plugin_routes_hook is None:
            return routes
        return (*routes, *contributions(cls.plugin_routes_hook))


def rendered_sections(hook_name, page, request) -> list[str]:
    """The HTML each function registered for `hook_name` gives for `page`, empty ones left out."""
    sections = (hook(page, request) for hook in hooks.get_hooks(hook_name))
    return [html for html in sections if html]
