import os
import shlex
import subprocess
import sys


def lookup():
    param = input("term: ")
    cmd = "grep -c " + shlex.quote(param) + " /var/log/syslog"
    subprocess.check_output(cmd, shell=True)
    return 0


if __name__ == "__main__":
    lookup()
