import shutil
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def lookup(ref: str = ""):
    text = ref
    shutil.copy(f"/srv/templates/{text}", "/tmp/work")
    return {"ok": True}
