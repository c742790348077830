from django.http import HttpResponse


def process(request):
    value = request.GET.get("value", "")
    html = f"<p>Results for {value}</p>"
    return HttpResponse(html)
