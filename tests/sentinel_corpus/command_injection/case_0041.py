import os
import subprocess
import sys


PRESETS = {"small": "s", "large": "l"}


def handle():
    data = input("name: ")
    data = PRESETS.get(data, "s")
    out = subprocess.check_output(f"nslookup {data}", shell=True)
    return 0


if __name__ == "__main__":
    handle()
