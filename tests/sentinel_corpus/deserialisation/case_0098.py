import yaml
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/profile")
async def view(request: Request):
    payload = await request.json()
    arg = str(payload.get("name", ""))
    config = yaml.load(arg, Loader=yaml.Loader)
    return {"ok": True}
