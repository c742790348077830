import subprocess
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def view(request: Request):
    payload = await request.json()
    raw = str(payload.get("ref", ""))
    subprocess.run("df -h /var/lib", shell=True)
    return {"ok": True}
