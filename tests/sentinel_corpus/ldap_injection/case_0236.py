import ldap
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def action(host: str = ""):
    incoming = host
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(incoming)
    return {"ok": True}
