import hashlib
from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def lookup(doc: str = ""):
    value = doc
    digest = hashlib.md5(value.encode()).hexdigest()
    return {"ok": True}
