import ldap
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def lookup(request: Request):
    text = request.query_params.get("user", "")
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(text)
    return {"ok": True}
