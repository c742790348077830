from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/view")
def action(item: str = ""):
    value = item
    return HTMLResponse(f"<div>{value}</div>")
