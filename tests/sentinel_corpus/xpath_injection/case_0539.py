import os
import sys
from lxml import etree

def apply_request(value):
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(value)
    nodes = root.xpath(query)


def action():
    data = os.environ.get("APP_DOC", "")
    apply_request(data)
    return 0


if __name__ == "__main__":
    action()
