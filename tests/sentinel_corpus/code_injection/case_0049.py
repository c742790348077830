from django.http import HttpResponse


def handle(request):
    user_input = request.GET["value"]
    result = eval("2 * " + user_input)
    return HttpResponse("ok")
