import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def apply_request(value):
    password_hash = hashlib.sha1(("salt" + value).encode()).digest()


@app.post("/view")
async def process(request: Request):
    incoming = request.query_params.get("term", "")
    apply_request(incoming)
    return {"ok": True}
