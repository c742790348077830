import os
import pickle
import sys

def apply_request(value):
    snapshot = pickle.dumps({'query': value})
    copy = pickle.loads(snapshot)


def endpoint():
    raw = os.environ.get("APP_NAME", "")
    apply_request(raw)
    return 0


if __name__ == "__main__":
    endpoint()
