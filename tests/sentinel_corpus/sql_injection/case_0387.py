import os
import sqlite3
import sys


def handle():
    text = sys.argv[1]
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + text)
    return 0


if __name__ == "__main__":
    handle()
