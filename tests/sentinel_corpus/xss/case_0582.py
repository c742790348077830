from django.http import HttpResponse


def view(request):
    raw = request.POST.get("target", "")
    return HttpResponse("<h1>Hello " + raw + "</h1>")
