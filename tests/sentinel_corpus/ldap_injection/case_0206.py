import ldap
from fastapi import FastAPI

app = FastAPI()

def execute_step(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@app.get("/api/item")
def endpoint(doc: str = ""):
    incoming = doc
    execute_step(incoming)
    return {"ok": True}
