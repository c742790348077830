import os
import secrets
import sys

def handle_input(value):
    api_key = secrets.token_urlsafe(24)


def action():
    given = input("host: ")
    handle_input(given)
    return 0


if __name__ == "__main__":
    action()
