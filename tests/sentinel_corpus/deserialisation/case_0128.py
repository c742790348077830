import base64
import pickle
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


PRESETS = {"small": "s", "large": "l"}


@app.post("/run")
async def view(request: Request):
    incoming = request.query_params.get("item", "")
    incoming = PRESETS.get(incoming, "s")
    obj = pickle.loads(base64.b64decode(incoming))
    return {"ok": True}
