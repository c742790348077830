import os
import sqlite3
import sys


def endpoint():
    data = os.environ.get("APP_NAME", "")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM orders WHERE name = '" + data + "'").fetchall()
    return 0


if __name__ == "__main__":
    endpoint()
