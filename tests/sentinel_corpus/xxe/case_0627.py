import io
import os
import sys
from lxml import etree


def process():
    given = os.environ.get("APP_Q", "")
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(given.encode()), parser=parser)
    return 0


if __name__ == "__main__":
    process()
