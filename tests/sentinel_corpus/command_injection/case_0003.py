import os
import subprocess
import sys


def view():
    arg = input("name: ")
    proc = subprocess.Popen(arg, shell=True, stdout=subprocess.PIPE)
    proc.communicate()
    return 0


if __name__ == "__main__":
    view()
