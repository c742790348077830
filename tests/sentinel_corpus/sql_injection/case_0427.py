import os
import sqlite3
import sys

SORTABLE = {"name", "created", "price"}


def endpoint():
    data = os.environ.get("APP_DOC", "")
    column = data if data in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM products ORDER BY " + column)
    return 0


if __name__ == "__main__":
    endpoint()
