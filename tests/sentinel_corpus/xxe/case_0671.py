import os
import sys
from lxml import etree


def endpoint():
    value = os.environ.get("APP_REF", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(value.encode(), parser)
    return 0


if __name__ == "__main__":
    endpoint()
