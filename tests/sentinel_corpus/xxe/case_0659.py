import defusedxml.ElementTree as ET
import os
import sys


def handle():
    data = os.environ.get("APP_DOC", "")
    doc = ET.fromstring(data)
    return 0


if __name__ == "__main__":
    handle()
