import io
import xml.sax
from django.http import HttpResponse
from django.views import View


class ProcessView(View):
    def post(self, request):
        field = request.POST.get("value", "")
        parser = xml.sax.make_parser()
        parser.parse(io.StringIO(field))
        return HttpResponse("ok")
