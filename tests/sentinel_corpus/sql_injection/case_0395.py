import os
import sqlite3
import sys


def handle():
    user_input = os.environ.get("APP_TARGET", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM users ORDER BY " + user_input)
    return 0


if __name__ == "__main__":
    handle()
