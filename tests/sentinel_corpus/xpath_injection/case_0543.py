import os
import sys
from lxml import etree


def process():
    raw = sys.argv[1]
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + raw + "']")
    return 0


if __name__ == "__main__":
    process()
