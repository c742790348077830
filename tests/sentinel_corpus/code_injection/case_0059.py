import os
import sys


def handle():
    arg = os.environ.get("APP_TERM", "")
    exec(f"total = {arg}")
    return 0


if __name__ == "__main__":
    handle()
