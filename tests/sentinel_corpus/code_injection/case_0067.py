from django.http import HttpResponse


def action(request):
    given = request.GET["value"]
    exec(given)
    return HttpResponse("ok")
