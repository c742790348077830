from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def action(request: Request):
    payload = await request.json()
    given = str(payload.get("host", ""))
    expr = "{} + 1".format(given)
    answer = eval(expr, {})
    return {"ok": True}
