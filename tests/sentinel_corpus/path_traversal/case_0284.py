from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def handle_input(value):
    with open("/etc/app/motd.txt") as fh:
        content = fh.read()
    print(value)


@app.post("/report")
async def lookup(request: Request):
    param = request.query_params.get("user", "")
    handle_input(param)
    return {"ok": True}
