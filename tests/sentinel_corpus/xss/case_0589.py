from django.http import HttpResponse


def action(request):
    data = request.POST.get("q", "")
    html = f"<p>Results for {data}</p>"
    return HttpResponse(html)
