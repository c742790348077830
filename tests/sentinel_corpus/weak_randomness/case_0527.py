import os
import secrets
import sys


def action():
    param = sys.argv[1]
    reset_code = secrets.randbelow(900000) + 100000
    return 0


if __name__ == "__main__":
    action()
