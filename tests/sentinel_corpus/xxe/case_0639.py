import os
import sys
from lxml import etree


def endpoint():
    user_input = sys.argv[1]
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(user_input, parser)
    return 0


if __name__ == "__main__":
    endpoint()
