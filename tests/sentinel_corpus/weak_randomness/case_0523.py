import os
import secrets
import sys


def handle():
    user_input = sys.argv[1]
    api_key = secrets.token_urlsafe(24)
    return 0


if __name__ == "__main__":
    handle()
