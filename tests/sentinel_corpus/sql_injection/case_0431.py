import os
import sqlite3
import sys

def perform(value):
    db = sqlite3.connect("app.db")
    query = "DELETE FROM users WHERE id = %d" % int(value)
    db.execute(query)


def lookup():
    field = os.environ.get("APP_DOC", "")
    perform(field)
    return 0


if __name__ == "__main__":
    lookup()
