import ldap
from fastapi import FastAPI

app = FastAPI()

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        conn = ldap.initialize("ldap://ldap.internal")
        found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + self.value + ")")


@app.get("/api/item")
def view(host: str = ""):
    data = host
    Job(data).run()
    return {"ok": True}
