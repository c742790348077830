import sqlite3
from django.http import HttpResponse

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        cur = sqlite3.connect("app.db").cursor()
        cur.execute("SELECT * FROM accounts ORDER BY " + self.value)


def endpoint(request):
    param = request.COOKIES.get("user", "")
    Job(param).run()
    return HttpResponse("ok")
