import os
import sys
from lxml import etree


def handle():
    user_input = sys.argv[1]
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(user_input)
    return 0


if __name__ == "__main__":
    handle()
