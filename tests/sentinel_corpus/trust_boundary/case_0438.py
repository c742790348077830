from django.http import HttpResponse


def action(request):
    given = request.GET.get("doc", "")
    request.session["display_name"] = given
    return HttpResponse("ok")
