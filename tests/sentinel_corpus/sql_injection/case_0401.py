import os
import sqlite3
import sys


def action():
    arg = os.environ.get("APP_HOST", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + arg)
    return 0


if __name__ == "__main__":
    action()
