import io
import os
import sys
import xml.sax
from xml.sax.handler import feature_external_ges


def process():
    user_input = os.environ.get("APP_Q", "")
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.parse(io.StringIO(user_input))
    return 0


if __name__ == "__main__":
    process()
