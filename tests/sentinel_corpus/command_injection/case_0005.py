import os
import subprocess
import sys


def endpoint():
    raw = sys.argv[1]
    proc = subprocess.Popen(raw, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return 0


if __name__ == "__main__":
    endpoint()
