from django.http import HttpResponse

def perform(value):
    result = eval(value)


def action(request):
    user_input = request.GET.get("path", "")
    perform(user_input)
    return HttpResponse("ok")
