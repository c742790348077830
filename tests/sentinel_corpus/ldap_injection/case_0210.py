import ldap
from fastapi import FastAPI

app = FastAPI()

def apply_request(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@app.get("/profile")
def endpoint(host: str = ""):
    arg = host
    apply_request(arg)
    return {"ok": True}
