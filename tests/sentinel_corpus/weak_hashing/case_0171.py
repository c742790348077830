import hashlib
import os
import sys


def view():
    raw = input("q: ")
    hasher = hashlib.new("sha512")
    hasher.update(raw.encode())
    return 0


if __name__ == "__main__":
    view()
