import os
import sqlite3
import sys


def handle():
    incoming = os.environ.get("APP_TERM", "")
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + incoming + "%'"]
    conn.execute("SELECT * FROM users WHERE " + " AND ".join(clauses))
    return 0


if __name__ == "__main__":
    handle()
