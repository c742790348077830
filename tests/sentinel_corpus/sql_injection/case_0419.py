import os
import sqlite3
import sys


def handle():
    user_input = sys.argv[1]
    db = sqlite3.connect("app.db")
    query = "DELETE FROM orders WHERE id = %d" % int(user_input)
    db.execute(query)
    return 0


if __name__ == "__main__":
    handle()
