from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/view")
def view(ref: str = ""):
    incoming = ref
    print(incoming)
    return RedirectResponse("/dashboard")
