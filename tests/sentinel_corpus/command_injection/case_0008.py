import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def action(path: str = ""):
    user_input = path
    proc = subprocess.Popen(user_input, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return {"ok": True}
