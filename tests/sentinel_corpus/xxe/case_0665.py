import os
import sys
import xml.etree.ElementTree as ET


def handle():
    arg = input("term: ")
    root = ET.fromstring(arg)
    return 0


if __name__ == "__main__":
    handle()
