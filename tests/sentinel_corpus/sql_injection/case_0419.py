import os
import sqlite3
import sys


def view():
    param = input("item: ")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM accounts WHERE owner = :owner", {"owner": param})
    return 0


if __name__ == "__main__":
    view()
