"""The version flag answers the same through both entry points."""

import subprocess
import sys

import pytest

from pace_app import __version__
from pace_app.cli import main


def test_version_flag_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"pace {__version__}"


def test_module_and_script_print_the_same_line() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "pace_app", "--version"], capture_output=True, text=True, check=True
    )
    assert module.stdout.strip() == f"pace {__version__}"
