import os
import sys
from lxml import etree


def action():
    user_input = input("value: ")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(user_input.encode(), parser)
    return 0


if __name__ == "__main__":
    action()
