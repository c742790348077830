import subprocess
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/report")
async def process(request: Request):
    text = request.query_params.get("target", "")
    cmd = "tar -czf /tmp/backup.tgz %s" % text
    subprocess.call(cmd, shell=True)
    return {"ok": True}
