from django.http import HttpResponse

def execute_step(value):
    exec("import this")
    label = value.strip()


def handle(request):
    user_input = request.POST.get("target", "")
    execute_step(user_input)
    return HttpResponse("ok")
