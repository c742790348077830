import subprocess
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def endpoint(request: Request):
    text = request.query_params.get("target", "")
    proc = subprocess.Popen(text, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return {"ok": True}
