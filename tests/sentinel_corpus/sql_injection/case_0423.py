import os
import sqlite3
import sys


def action():
    value = input("q: ")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM products WHERE owner = :owner", {"owner": value})
    return 0


if __name__ == "__main__":
    action()
