"""Run the command line as ``python -m pace_app``."""

from pace_app.cli import main

if __name__ == "__main__":  # pragma: no branch
    raise SystemExit(main())
