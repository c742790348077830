import os
import sys
from pathlib import Path


def view():
    data = input("item: ")
    content = (Path("/srv/reports") / data).read_text()
    return 0


if __name__ == "__main__":
    view()
