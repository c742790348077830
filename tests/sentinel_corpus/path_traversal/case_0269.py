import os
import sys
from pathlib import Path


def process():
    text = input("q: ")
    root = Path("/srv/reports").resolve()
    wanted = (root / text).resolve()
    if not wanted.is_relative_to(root):
        return "denied"
    content = wanted.read_text()
    return 0


if __name__ == "__main__":
    process()
