import os
import sqlite3
import sys


def view():
    value = sys.argv[1]
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM orders WHERE name = ?", (value,)).fetchall()
    return 0


if __name__ == "__main__":
    view()
