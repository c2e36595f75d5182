"""Admin views that keep a council to what it may see (docs/permissions.md)."""

from django.http import Http404

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from .wagtail_hooks import councils_choose_public_pages_and_their_own_drafts

browse_view = BrowseView.as_view()


@require_admin_access
def browse_page_chooser(request, parent_page_id):
    """Wagtail's page chooser opened at a page, which it names in its header: a council may open
    it only at a page it may choose, so another area's draft is a 404, as if it did not exist."""
    pages = Page.objects.filter(pk=parent_page_id)
    if not (
        pages.filter(depth=1).exists()
        or councils_choose_public_pages_and_their_own_drafts(pages, request).exists()
    ):
        raise Http404
    return browse_view(request, parent_page_id=parent_page_id)
