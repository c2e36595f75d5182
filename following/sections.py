from django.template.loader import render_to_string

from .targets import target_of


def follow_form_html(page, request) -> str:
    """The short follow form for a live plan, project, goal or the overview; "" elsewhere."""
    target = target_of(page)
    if target is None or not page.live:
        return ""
    context = {"page": page, "target": target[0], "key": target[1]}
    return render_to_string("components/follow_form.html", context, request=request)
