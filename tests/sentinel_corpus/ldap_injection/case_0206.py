from fastapi import FastAPI
from fastapi import Request
from ldap3 import Connection, Server

app = FastAPI()

def handle_input(value):
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(&(objectClass=person)(cn={value}))")


@app.post("/report")
async def action(request: Request):
    arg = request.query_params.get("ref", "")
    handle_input(arg)
    return {"ok": True}
