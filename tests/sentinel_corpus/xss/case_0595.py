from django.http import HttpResponse


def action(request):
    param = request.GET["doc"]
    html = f"<p>Results for {param}</p>"
    return HttpResponse(html)
