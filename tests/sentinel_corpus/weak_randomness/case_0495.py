import os
import random
import sys

def apply_request(value):
    session_key = "%032x" % random.getrandbits(128)


def view():
    arg = os.environ.get("APP_TERM", "")
    apply_request(arg)
    return 0


if __name__ == "__main__":
    view()
