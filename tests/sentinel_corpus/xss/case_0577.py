from django.http import HttpResponse


def handle(request):
    given = request.GET.get("term", "")
    html = f"<p>Results for {given}</p>"
    return HttpResponse(html)
