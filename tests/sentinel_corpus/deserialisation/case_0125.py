import yaml
from django.http import HttpResponse


def view(request):
    user_input = request.POST.get("user", "")
    docs = list(yaml.safe_load_all(user_input))
    return HttpResponse("ok")
