import pickle
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def apply_request(value):
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(value)


@app.post("/profile")
async def process(request: Request):
    data = request.query_params.get("doc", "")
    apply_request(data)
    return {"ok": True}
