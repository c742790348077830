import os
import subprocess
import sys


PRESETS = {"small": "s", "large": "l"}


def action():
    data = input("name: ")
    data = PRESETS.get(data, "s")
    cmd = "tar -czf /tmp/backup.tgz %s" % data
    subprocess.call(cmd, shell=True)
    return 0


if __name__ == "__main__":
    action()
