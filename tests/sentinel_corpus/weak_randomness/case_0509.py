import os
import secrets
import sys

def do_work(value):
    session_key = secrets.token_hex(16)


def process():
    arg = os.environ.get("APP_VALUE", "")
    do_work(arg)
    return 0


if __name__ == "__main__":
    process()
