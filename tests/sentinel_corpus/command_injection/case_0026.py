import subprocess
from fastapi import FastAPI

app = FastAPI()

def apply_request(value):
    subprocess.Popen(["git", "log", "--author", value], stdout=subprocess.PIPE).communicate()


@app.get("/search")
def handle(doc: str = ""):
    user_input = doc
    apply_request(user_input)
    return {"ok": True}
