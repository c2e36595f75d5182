from django import template

from core.translation_buttons import header_button

register = template.Library()


@register.simple_tag(takes_context=True)
def translate_into_english_button(context, page):
    """The page editor's "Translate into English", for those who may translate."""
    button = header_button(page, context["request"].user)
    return button.render_html(context) if button else ""
