from fastapi import FastAPI
from ldap3 import Connection, Server, SUBTREE

app = FastAPI()


@app.get("/api/item")
def handle(q: str = ""):
    arg = q
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(arg), search_scope=SUBTREE)
    return {"ok": True}
