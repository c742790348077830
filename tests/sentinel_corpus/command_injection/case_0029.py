import os
import subprocess
import sys

TOOLS = {"uptime": "uptime", "disk": "df -h"}


def view():
    user_input = os.environ.get("APP_ITEM", "")
    if user_input not in TOOLS:
        return "unknown tool"
    subprocess.run(TOOLS[user_input], shell=True)
    return 0


if __name__ == "__main__":
    view()
