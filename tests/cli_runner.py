"""Run the `bulletins` command as a user would: a subprocess, with the developer's own settings left out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m bulletins.cli ARGS` in `cwd`, without BULLETINS_* variables from the caller's environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BULLETINS_")}
    return subprocess.run([sys.executable, "-m", "bulletins.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
