import hashlib
import os
import sys

def handle_input(value):
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", value.encode(), salt, 600_000)


def view():
    given = input("doc: ")
    handle_input(given)
    return 0


if __name__ == "__main__":
    view()
