import os
import sys
from pathlib import Path


def handle():
    param = sys.argv[1]
    root = Path("/srv/reports").resolve()
    wanted = (root / param).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return 0


if __name__ == "__main__":
    handle()
