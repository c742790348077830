import os
import subprocess
import sys


def handle():
    param = os.environ.get("APP_NAME", "")
    subprocess.run(["sh", "-c", "convert " + param + " out.png"])
    return 0


if __name__ == "__main__":
    handle()
