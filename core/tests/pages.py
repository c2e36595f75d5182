"""Pages as an editor leaves them."""


def published(page):
    """`page` published as the editor's Publish button does, and read again (live)."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
