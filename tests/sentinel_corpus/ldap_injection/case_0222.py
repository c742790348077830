import ldap
from fastapi import FastAPI
from ldap.filter import escape_filter_chars

app = FastAPI()


@app.get("/run")
def action(ref: str = ""):
    text = ref
    conn = ldap.initialize("ldap://ldap.internal")
    conn.search_s("ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(text) + ")")
    return {"ok": True}
