import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
def view(host: str = ""):
    data = host
    proc = subprocess.Popen(data, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return {"ok": True}
