import os
import pickle
import sys

def apply_request(value):
    with open("/srv/cache/model.pkl", "rb") as fh:
        model = pickle.load(fh)
    print(value)


def view():
    incoming = input("target: ")
    apply_request(incoming)
    return 0


if __name__ == "__main__":
    view()
