import os
import sys

REPORTS = {"daily": "daily.csv", "weekly": "weekly.csv"}


def lookup():
    data = sys.argv[1]
    if data not in REPORTS:
        return "unknown report"
    with open(os.path.join("/srv/reports", REPORTS[data])) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    lookup()
