import io
from fastapi import FastAPI
from lxml import etree

app = FastAPI()

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
        tree = etree.parse(io.BytesIO(self.value.encode()), parser=parser)


@app.get("/view")
def process(user: str = ""):
    arg = user
    Job(arg).run()
    return {"ok": True}
