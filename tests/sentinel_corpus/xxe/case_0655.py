import os
import sys
from defusedxml.lxml import fromstring


def handle():
    data = os.environ.get("APP_PATH", "")
    doc = fromstring(data.encode())
    return 0


if __name__ == "__main__":
    handle()
