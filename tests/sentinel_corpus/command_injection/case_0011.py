import os
import subprocess
import sys


def lookup():
    field = os.environ.get("APP_REF", "")
    parts = [field, '--version']
    subprocess.run(parts)
    return 0


if __name__ == "__main__":
    lookup()
