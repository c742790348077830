import shutil
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        shutil.copy(f"/srv/templates/{self.value}", "/tmp/work")


@app.post("/report")
async def view(request: Request):
    payload = await request.json()
    given = str(payload.get("user", ""))
    Job(given).run()
    return {"ok": True}
