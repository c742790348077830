import subprocess
from fastapi import FastAPI

app = FastAPI()

TOOLS = {"uptime": "uptime", "disk": "df -h"}


@app.get("/run")
def handle(doc: str = ""):
    raw = doc
    if raw not in TOOLS:
        return "unknown tool"
    subprocess.run(TOOLS[raw], shell=True)
    return {"ok": True}
