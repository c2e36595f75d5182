from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from home.models import ContactSettings


@never_cache
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def was(request):
    """/was: the accessibility statement, as Danish public sites must offer it.

    Goes to the statement in the state's WAS tool when its address is set, else to the
    statement page in the visitor's language.
    """
    site_settings = ContactSettings.for_request(request)
    if site_settings.accessibility_statement_url:
        return redirect(site_settings.accessibility_statement_url)
    if site_settings.accessibility_statement:
        return redirect(site_settings.accessibility_statement.localized.get_url(request))
    raise Http404("No accessibility statement is set in the site settings.")
