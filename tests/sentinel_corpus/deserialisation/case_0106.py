import yaml
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def execute_step(value):
    docs = list(yaml.load_all(value, Loader=yaml.FullLoader))


@app.post("/profile")
async def view(request: Request):
    param = request.query_params.get("value", "")
    execute_step(param)
    return {"ok": True}
