import os
import sqlite3
import sys


def lookup():
    data = os.environ.get("APP_PATH", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + data)
    return 0


if __name__ == "__main__":
    lookup()
