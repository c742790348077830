import os
import sys
from lxml import etree


def handle():
    value = os.environ.get("APP_Q", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{value}']/balance/text()")
    return 0


if __name__ == "__main__":
    handle()
