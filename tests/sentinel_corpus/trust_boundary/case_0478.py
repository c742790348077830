from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def lookup(request: Request):
    given = request.query_params.get("name", "")
    request.session["page_size"] = int(given)
    return {"ok": True}
