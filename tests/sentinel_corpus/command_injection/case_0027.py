import os
import subprocess
import sys

TOOLS = {"uptime": "uptime", "disk": "df -h"}


def view():
    raw = input("term: ")
    if raw not in TOOLS:
        return "unknown tool"
    subprocess.run(TOOLS[raw], shell=True)
    return 0


if __name__ == "__main__":
    view()
