from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/report")
def process(target: str = ""):
    data = target
    page = "<html><body>" + data + "</body></html>"
    return HTMLResponse(content=page)
