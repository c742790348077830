import os
import sys
from pathlib import Path


def view():
    value = input("term: ")
    content = (Path("/srv/reports") / value).read_text()
    return 0


if __name__ == "__main__":
    view()
