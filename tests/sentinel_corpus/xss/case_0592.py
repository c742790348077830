from django.http import HttpResponse


def action(request):
    value = request.COOKIES.get("name", "")
    html = f"<p>Results for {value}</p>"
    return HttpResponse(html)
