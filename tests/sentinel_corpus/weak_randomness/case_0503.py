import os
import random
import sys


def process():
    given = os.environ.get("APP_USER", "")
    reset_code = random.randint(100000, 999999)
    return 0


if __name__ == "__main__":
    process()
