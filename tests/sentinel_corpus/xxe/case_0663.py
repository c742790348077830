import os
import sys
import xml.etree.ElementTree as ET


def action():
    value = sys.argv[1]
    root = ET.fromstring(value)
    return 0


if __name__ == "__main__":
    action()
