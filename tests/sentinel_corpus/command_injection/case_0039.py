import os
import shlex
import subprocess
import sys


def view():
    text = sys.argv[1]
    cmd = "grep -c " + shlex.quote(text) + " /var/log/syslog"
    subprocess.check_output(cmd, shell=True)
    return 0


if __name__ == "__main__":
    view()
