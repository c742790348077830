from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def handle(request: Request):
    arg = request.query_params.get("value", "")
    with open("/var/www/static/" + arg, "rb") as fh:
        content = fh.read()
    return {"ok": True}
