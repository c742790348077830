import os
import sys
from sqlalchemy import create_engine, text


def process():
    param = input("user: ")
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM accounts WHERE sku = '{}'".format(param)))
    return 0


if __name__ == "__main__":
    process()
