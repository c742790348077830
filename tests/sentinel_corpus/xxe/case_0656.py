import io
import xml.sax
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def process(doc: str = ""):
    param = doc
    parser = xml.sax.make_parser()
    parser.parse(io.StringIO(param))
    return {"ok": True}
