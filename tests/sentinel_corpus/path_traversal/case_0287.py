import os
import sys

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


def action():
    incoming = os.environ.get("APP_USER", "")
    if incoming not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[incoming])) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    action()
