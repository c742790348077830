import os
import sys
import yaml

def apply_request(value):
    docs = list(yaml.safe_load_all(value))


def endpoint():
    data = os.environ.get("APP_TERM", "")
    apply_request(data)
    return 0


if __name__ == "__main__":
    endpoint()
