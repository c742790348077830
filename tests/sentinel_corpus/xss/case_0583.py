from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/report")
def handle(ref: str = ""):
    text = ref
    page = "<html><body>" + text + "</body></html>"
    return HTMLResponse(content=page)
