import os
import subprocess
import sys


PRESETS = {"small": "s", "large": "l"}


def action():
    text = os.environ.get("APP_VALUE", "")
    text = PRESETS.get(text, "s")
    subprocess.run(["sh", "-c", "convert " + text + " out.png"])
    return 0


if __name__ == "__main__":
    action()
