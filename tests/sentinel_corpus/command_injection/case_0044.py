import subprocess
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

TOOLS = {"uptime": "uptime", "disk": "df -h"}


@app.post("/report")
async def action(request: Request):
    payload = await request.json()
    given = str(payload.get("ref", ""))
    if given not in TOOLS:
        return "unknown tool"
    subprocess.run(TOOLS[given], shell=True)
    return {"ok": True}
