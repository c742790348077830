import io
import xml.sax
from django.http import HttpResponse
from xml.sax.handler import feature_external_ges


def view(request):
    given = request.COOKIES.get("name", "")
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(given))
    return HttpResponse("ok")
