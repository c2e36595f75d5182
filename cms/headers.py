"""Response headers that Django has no setting for."""

from django.conf import settings


def permissions_policy(features: dict) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(f"{name}=({' '.join(allowed)})" for name, allowed in features.items())


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response, from settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
