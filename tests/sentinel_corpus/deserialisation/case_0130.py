import pickle
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def handle(request: Request):
    value = request.query_params.get("path", "")
    snapshot = pickle.dumps({'query': value})
    copy = pickle.loads(snapshot)
    return {"ok": True}
