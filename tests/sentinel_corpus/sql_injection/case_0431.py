import os
import sqlite3
import sys


def process():
    value = os.environ.get("APP_REF", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM orders WHERE owner = :owner", {"owner": value})
    return 0


if __name__ == "__main__":
    process()
