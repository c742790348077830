import hashlib
import os
import sys


def view():
    field = input("ref: ")
    digest = hashlib.sha1(field.encode('utf-8')).hexdigest()
    return 0


if __name__ == "__main__":
    view()
