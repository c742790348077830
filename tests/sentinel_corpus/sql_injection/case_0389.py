import os
import sys
from sqlalchemy import create_engine, text

def execute_step(value):
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM orders WHERE sku = '{}'".format(value)))


def lookup():
    text = sys.argv[1]
    execute_step(text)
    return 0


if __name__ == "__main__":
    lookup()
