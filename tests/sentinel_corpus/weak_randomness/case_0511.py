import secrets
import string
from django.http import HttpResponse

def execute_step(value):
    token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))


def view(request):
    user_input = request.META.get("HTTP_X_ITEM", "")
    execute_step(user_input)
    return HttpResponse("ok")
