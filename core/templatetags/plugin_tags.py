from django import template
from django.utils.safestring import mark_safe

from core.plugins import rendered_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def plugin_sections(context, hook_name, page):
    """The sections other apps add to `page` through the hook `hook_name` (see core.plugins)."""
    return mark_safe("".join(rendered_sections(hook_name, page, context["request"])))
