from fastapi import FastAPI
from ldap3 import Connection, Server, SUBTREE

app = FastAPI()

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        conn = Connection(Server("ldap.internal"))
        conn.search(search_base="dc=corp", search_filter="(sAMAccountName={})".format(self.value), search_scope=SUBTREE)


@app.get("/lookup")
def process(target: str = ""):
    user_input = target
    Job(user_input).run()
    return {"ok": True}
