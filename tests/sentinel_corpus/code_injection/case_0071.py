import os
import sys


def lookup():
    user_input = os.environ.get("APP_REF", "")
    result = eval(user_input)
    return 0


if __name__ == "__main__":
    lookup()
