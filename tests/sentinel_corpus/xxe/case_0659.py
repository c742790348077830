import os
import sys
from defusedxml.lxml import fromstring


def process():
    user_input = os.environ.get("APP_HOST", "")
    doc = fromstring(user_input.encode())
    return 0


if __name__ == "__main__":
    process()
