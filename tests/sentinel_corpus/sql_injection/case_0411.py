import os
import sqlite3
import sys


def endpoint():
    incoming = input("item: ")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM orders WHERE name = ?", (incoming,)).fetchall()
    return 0


if __name__ == "__main__":
    endpoint()
