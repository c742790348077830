import hashlib
from django.http import HttpResponse

def do_work(value):
    digest = hashlib.sha256(value.encode()).hexdigest()


def process(request):
    text = request.POST.get("name", "")
    do_work(text)
    return HttpResponse("ok")
