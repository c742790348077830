import os
import sys
from lxml import etree

FIELDS = ("title", "author", "year")


def view():
    user_input = sys.argv[1]
    if user_input not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + user_input)
    return 0


if __name__ == "__main__":
    view()
