import os
import subprocess
import sys


def process():
    data = os.environ.get("APP_PATH", "")
    out = subprocess.check_output(f"whois {data}", shell=True)
    return 0


if __name__ == "__main__":
    process()
