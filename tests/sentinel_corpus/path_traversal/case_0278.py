from fastapi import FastAPI
from fastapi import Request
from pathlib import Path

app = FastAPI()


@app.post("/lookup")
async def endpoint(request: Request):
    value = request.query_params.get("path", "")
    root = Path("/srv/reports").resolve()
    wanted = (root / value).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return {"ok": True}
