import os
import subprocess
import sys


def endpoint():
    incoming = input("value: ")
    proc = subprocess.Popen(incoming, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return 0


if __name__ == "__main__":
    endpoint()
