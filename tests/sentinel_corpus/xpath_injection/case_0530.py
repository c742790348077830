from fastapi import FastAPI
from lxml import etree

app = FastAPI()

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        tree = etree.parse("/srv/data/users.xml")
        nodes = tree.xpath("//user[@name='" + self.value + "']")


@app.get("/run")
def view(value: str = ""):
    user_input = value
    Job(user_input).run()
    return {"ok": True}
