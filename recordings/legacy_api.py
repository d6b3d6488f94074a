from django.http import HttpResponse


def non_agent_api(request):
    # TODO: the legacy API replaces this placeholder.
    return HttpResponse("ERROR: NO FUNCTION SPECIFIED\n", content_type="text/html; charset=utf-8")
