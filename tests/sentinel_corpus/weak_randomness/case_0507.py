import os
import secrets
import string
import sys


def action():
    given = sys.argv[1]
    token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))
    return 0


if __name__ == "__main__":
    action()
