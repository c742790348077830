import os
import pickle
import sys


def endpoint():
    param = input("q: ")
    snapshot = pickle.dumps({'query': param})
    copy = pickle.loads(snapshot)
    return 0


if __name__ == "__main__":
    endpoint()
