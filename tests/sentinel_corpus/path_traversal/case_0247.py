import os
import shutil
import sys


def process():
    data = input("target: ")
    shutil.copy(f"/srv/templates/{data}", "/tmp/work")
    return 0


if __name__ == "__main__":
    process()
