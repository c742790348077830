import io
import xml.sax
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def lookup(term: str = ""):
    text = term
    parser = xml.sax.make_parser()
    parser.parse(io.StringIO(text))
    return {"ok": True}
