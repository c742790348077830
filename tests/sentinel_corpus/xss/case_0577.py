from django.http import HttpResponse


def process(request):
    data = request.GET.get("name", "")
    html = f"<p>Results for {data}</p>"
    return HttpResponse(html)
