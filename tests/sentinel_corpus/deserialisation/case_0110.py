import base64
import pickle
from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def endpoint(host: str = ""):
    arg = host
    obj = pickle.loads(base64.b64decode(arg))
    return {"ok": True}
