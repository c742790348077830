import os
import subprocess
import sys


def process():
    arg = os.environ.get("APP_PATH", "")
    proc = subprocess.Popen(arg, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return 0


if __name__ == "__main__":
    process()
