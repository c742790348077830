import os
import sys
import xml.etree.ElementTree as ET


def process():
    value = os.environ.get("APP_DOC", "")
    root = ET.fromstring(value)
    return 0


if __name__ == "__main__":
    process()
