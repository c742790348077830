import ldap
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


PRESETS = {"small": "s", "large": "l"}


@app.post("/view")
async def view(request: Request):
    data = request.query_params.get("path", "")
    data = PRESETS.get(data, "s")
    conn = ldap.initialize("ldap://ldap.internal")
    found = conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + data + ")")
    return {"ok": True}
