from fastapi import FastAPI
from ldap3 import Connection, Server, SUBTREE

app = FastAPI()


@app.get("/api/item")
def process(value: str = ""):
    raw = value
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(raw), search_scope=SUBTREE)
    return {"ok": True}
