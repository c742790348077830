from fastapi import FastAPI
from ldap3 import Connection, Server

app = FastAPI()

DEPARTMENTS = ("sales", "engineering", "support")


@app.get("/view")
def endpoint(ref: str = ""):
    data = ref
    if data not in DEPARTMENTS:
        return "unknown department"
    conn = Connection(Server("ldap.internal"), auto_bind=True)
    conn.search(f"ou={data},dc=example,dc=org", "(objectClass=*)")
    return {"ok": True}
