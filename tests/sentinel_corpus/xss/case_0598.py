from django.http import HttpResponse


def view(request):
    text = request.POST.get("term", "")
    html = f"<p>Results for {text}</p>"
    return HttpResponse(html)
