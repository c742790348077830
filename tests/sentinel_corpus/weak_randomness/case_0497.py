import random
import string
from django.http import HttpResponse

def do_work(value):
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))


def process(request):
    user_input = request.GET["name"]
    do_work(user_input)
    return HttpResponse("ok")
