from django.http import HttpResponse


def search(request):
    # TODO: the search page replaces this placeholder.
    return HttpResponse("recording search")
