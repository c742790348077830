from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def do_work(value):
    result = eval("2 * 21")
    print(value)


@app.post("/profile")
async def lookup(request: Request):
    field = request.query_params.get("value", "")
    do_work(field)
    return {"ok": True}
