from django import template
from django.utils.safestring import mark_safe

from ..sections import follow_form_html

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_form(context, page):
    """The follow form for `page`: the overview (above this app) includes it directly."""
    return mark_safe(follow_form_html(page, context.get("request")))
