import subprocess
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def lookup(request: Request):
    payload = await request.json()
    text = str(payload.get("host", ""))
    cmd = "tar -czf /tmp/backup.tgz %s" % text
    subprocess.call(cmd, shell=True)
    return {"ok": True}
