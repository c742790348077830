import os
import sys
import yaml


def lookup():
    raw = os.environ.get("APP_TERM", "")
    docs = list(yaml.safe_load_all(raw))
    return 0


if __name__ == "__main__":
    lookup()
