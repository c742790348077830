import os
import sys
from lxml import etree


def endpoint():
    user_input = sys.argv[1]
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + user_input + "']")
    return 0


if __name__ == "__main__":
    endpoint()
