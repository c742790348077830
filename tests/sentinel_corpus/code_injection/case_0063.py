import os
import sys


def handle():
    given = sys.argv[1]
    exec(f"total = {given}")
    return 0


if __name__ == "__main__":
    handle()
