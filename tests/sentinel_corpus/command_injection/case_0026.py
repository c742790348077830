import shlex
import subprocess
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def endpoint(name: str = ""):
    value = name
    cmd = "grep -c " + shlex.quote(value) + " /var/log/syslog"
    subprocess.check_output(cmd, shell=True)
    return {"ok": True}
