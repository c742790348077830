import yaml
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def view(ref: str = ""):
    field = ref
    docs = list(yaml.load_all(field, Loader=yaml.FullLoader))
    return {"ok": True}
