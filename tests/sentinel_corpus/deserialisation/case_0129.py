import yaml
from django.http import HttpResponse

def execute_step(value):
    docs = list(yaml.safe_load_all(value))


def process(request):
    user_input = request.GET.get("term", "")
    execute_step(user_input)
    return HttpResponse("ok")
