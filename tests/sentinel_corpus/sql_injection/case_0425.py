import os
import sqlite3
import sys

SORTABLE = {"name", "created", "price"}


def process():
    raw = sys.argv[1]
    column = raw if raw in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM users ORDER BY " + column)
    return 0


if __name__ == "__main__":
    process()
