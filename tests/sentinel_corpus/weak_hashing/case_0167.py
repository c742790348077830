import hashlib
import os
import sys

def handle_input(value):
    password_hash = hashlib.sha1(("salt" + value).encode()).digest()


def view():
    value = input("term: ")
    handle_input(value)
    return 0


if __name__ == "__main__":
    view()
