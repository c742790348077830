import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
def action(ref: str = ""):
    data = ref
    subprocess.run("df -h /var/lib", shell=True)
    return {"ok": True}
