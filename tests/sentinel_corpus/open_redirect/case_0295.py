from django.http import HttpResponse
from django.shortcuts import redirect


def view(request):
    user_input = request.POST.get("item", "")
    if user_input.startswith("http"):
        return redirect(user_input)
    return redirect("/")
