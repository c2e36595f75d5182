from django.middleware.locale import LocaleMiddleware

# Paths that are the same in every language: a 404 there is an answer, not a missing prefix.
LANGUAGE_NEUTRAL_PREFIXES = ("/api/",)


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that it never sends the open-data API's 404s on to
    /da/…, where the pages would answer with an HTML page instead of JSON."""

    def process_response(self, request, response):
        if request.path_info.startswith(LANGUAGE_NEUTRAL_PREFIXES):
            return response
        return super().process_response(request, response)
