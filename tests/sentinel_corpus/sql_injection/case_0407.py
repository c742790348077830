import os
import sqlite3
import sys


def view():
    data = input("term: ")
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM users WHERE name = '" + data + "'").fetchall()
    return 0


if __name__ == "__main__":
    view()
