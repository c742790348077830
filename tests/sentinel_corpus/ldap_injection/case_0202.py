from fastapi import FastAPI
from ldap3 import Connection, Server, SUBTREE

app = FastAPI()

def do_work(value):
    conn = Connection(Server("ldap.internal"))
    conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(value), search_scope=SUBTREE)


@app.get("/run")
def lookup(host: str = ""):
    value = host
    do_work(value)
    return {"ok": True}
