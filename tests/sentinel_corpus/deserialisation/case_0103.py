import os
import sys
import yaml

def execute_step(value):
    docs = list(yaml.load_all(value, Loader=yaml.FullLoader))


def action():
    raw = os.environ.get("APP_ITEM", "")
    execute_step(raw)
    return 0


if __name__ == "__main__":
    action()
