import os
import sys
from lxml import etree


def action():
    incoming = sys.argv[1]
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title=$title]")
    nodes = finder(tree, title=incoming)
    return 0


if __name__ == "__main__":
    action()
