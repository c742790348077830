import ldap
from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def process(name: str = ""):
    param = name
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + param + ")")
    return {"ok": True}
