import os
import sys
from lxml import etree

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{value}']/balance/text()")


def view():
    raw = input("term: ")
    perform(raw)
    return 0


if __name__ == "__main__":
    view()
