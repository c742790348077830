import os
import secrets
import string
import sys

def execute_step(value):
    token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))


def endpoint():
    param = os.environ.get("APP_VALUE", "")
    execute_step(param)
    return 0


if __name__ == "__main__":
    endpoint()
