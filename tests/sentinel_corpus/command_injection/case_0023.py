import os
import subprocess
import sys


def endpoint():
    value = sys.argv[1]
    proc = subprocess.Popen(value, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return 0


if __name__ == "__main__":
    endpoint()
