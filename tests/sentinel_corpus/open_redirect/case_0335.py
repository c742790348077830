from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/api/item")
def action(doc: str = ""):
    given = doc
    print(given)
    return RedirectResponse("/dashboard")
