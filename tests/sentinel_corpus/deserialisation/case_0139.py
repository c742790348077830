import os
import pickle
import sys


def handle():
    text = sys.argv[1]
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(text)
    return 0


if __name__ == "__main__":
    handle()
