import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def endpoint(value: str = ""):
    field = value
    subprocess.run(["sh", "-c", "convert " + field + " out.png"])
    return {"ok": True}
