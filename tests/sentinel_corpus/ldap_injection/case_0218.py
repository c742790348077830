import ldap
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


PRESETS = {"small": "s", "large": "l"}


@app.post("/view")
async def action(request: Request):
    payload = await request.json()
    value = str(payload.get("ref", ""))
    value = PRESETS.get(value, "s")
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + value + ")")
    return {"ok": True}
