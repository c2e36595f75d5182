from django.middleware.locale import LocaleMiddleware

# Paths that are the same in every language: a 404 there is an answer, not a missing prefix.
LANGUAGE_NEUTRAL_PREFIXES = ("/api/", "/admin/", "/documents/")


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from the API, the admin or a document is
    final: it is not sent on to /da/…, where the site's catch-all page route would answer
    instead (with HTML for the API, and a confusing second 404 for the admin)."""

    def process_response(self, request, response):
        if request.path_info.startswith(LANGUAGE_NEUTRAL_PREFIXES):
            return response
        return super().process_response(request, response)
