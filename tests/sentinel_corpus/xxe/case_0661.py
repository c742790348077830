import io
import xml.sax
from django.http import HttpResponse


def endpoint(request):
    raw = request.GET.get("user", "")
    parser = xml.sax.make_parser()
    parser.parse(io.StringIO(raw))
    return HttpResponse("ok")
