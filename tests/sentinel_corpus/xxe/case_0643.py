import io
import os
import sys
import xml.sax
from xml.sax.handler import feature_external_ges


def view():
    field = sys.argv[1]
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(field))
    return 0


if __name__ == "__main__":
    view()
