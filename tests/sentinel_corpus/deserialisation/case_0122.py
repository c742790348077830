import pickle
from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def process(item: str = ""):
    given = item
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(given)
    return {"ok": True}
