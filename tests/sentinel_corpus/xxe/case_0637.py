import io
import xml.sax
from django.http import HttpResponse
from xml.sax.handler import feature_external_ges

def do_work(value):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(value))


def handle(request):
    arg = request.COOKIES.get("path", "")
    do_work(arg)
    return HttpResponse("ok")
