import pickle
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def process(request: Request):
    payload = await request.json()
    given = str(payload.get("ref", ""))
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(given)
    return {"ok": True}
