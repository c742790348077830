import ldap
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def handle_input(value):
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, "(objectClass=group)")
    print(value)


@app.post("/report")
async def view(request: Request):
    payload = await request.json()
    incoming = str(payload.get("value", ""))
    handle_input(incoming)
    return {"ok": True}
