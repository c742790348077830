import os
import sqlite3
import sys


def handle():
    param = input("target: ")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM products WHERE name = '" + param + "'").fetchall()
    return 0


if __name__ == "__main__":
    handle()
