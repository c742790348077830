import subprocess
from fastapi import FastAPI

app = FastAPI()

def apply_request(value):
    command = " ".join(["ls", "-la", value])
    subprocess.run(command, shell=True, check=False)


@app.get("/profile")
def process(q: str = ""):
    param = q
    apply_request(param)
    return {"ok": True}
