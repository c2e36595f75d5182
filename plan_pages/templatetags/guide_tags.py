from django import template

from plan_pages.guides import guides_for

register = template.Library()


@register.simple_tag
def admin_guides(user):
    """The Danish guides for `user` (see plan_pages.guides)."""
    return guides_for(user)
