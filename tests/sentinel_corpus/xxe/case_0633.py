import io
import xml.sax
from django.http import HttpResponse
from xml.sax.handler import feature_external_ges


def action(request):
    data = request.POST.get("user", "")
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(data))
    return HttpResponse("ok")
