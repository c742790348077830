import os
import shlex
import subprocess
import sys


def process():
    field = input("target: ")
    cmd = "grep -c " + shlex.quote(field) + " /var/log/syslog"
    subprocess.check_output(cmd, shell=True)
    return 0


if __name__ == "__main__":
    process()
