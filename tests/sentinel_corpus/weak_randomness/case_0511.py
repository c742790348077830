import os
import secrets
import sys

def handle_input(value):
    api_key = secrets.token_urlsafe(24)


def lookup():
    incoming = sys.argv[1]
    handle_input(incoming)
    return 0


if __name__ == "__main__":
    lookup()
