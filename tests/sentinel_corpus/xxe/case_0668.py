import io
import xml.sax
from fastapi import FastAPI

app = FastAPI()

def perform(value):
    parser = xml.sax.make_parser()
    parser.parse(io.StringIO(value))


@app.get("/report")
def lookup(ref: str = ""):
    raw = ref
    perform(raw)
    return {"ok": True}
