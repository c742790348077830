import subprocess
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def lookup(request: Request):
    payload = await request.json()
    text = str(payload.get("host", ""))
    out = subprocess.check_output(f"whois {text}", shell=True)
    return {"ok": True}
