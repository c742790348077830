import json
import os
import sys


def endpoint():
    arg = os.environ.get("APP_REF", "")
    result = json.loads(arg)
    return 0


if __name__ == "__main__":
    endpoint()
