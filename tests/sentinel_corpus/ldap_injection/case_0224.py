import ldap
from fastapi import FastAPI
from fastapi import Request
from ldap.filter import escape_filter_chars

app = FastAPI()

def do_work(value):
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(value) + ")")


@app.post("/lookup")
async def view(request: Request):
    payload = await request.json()
    value = str(payload.get("doc", ""))
    do_work(value)
    return {"ok": True}
