import os
import sys
from lxml import etree


def view():
    user_input = os.environ.get("APP_Q", "")
    doc = etree.fromstring(user_input.encode(), etree.XMLParser(resolve_entities=True, no_network=False))
    return 0


if __name__ == "__main__":
    view()
