import ldap
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")


@app.post("/search")
async def action(request: Request):
    payload = await request.json()
    given = str(payload.get("doc", ""))
    do_work(given)
    return {"ok": True}
