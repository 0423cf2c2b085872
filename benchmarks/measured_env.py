"""The environment of a measured run, shared by the benchmarks that compare our commands with a baseline."""

from __future__ import annotations

import os
from pathlib import Path


def bytecode_env(folder: Path) -> dict[str, str]:
    """This process's environment with Python's bytecode written and read in `folder`, as on a normal
    install. Without it, a machine that sets PYTHONDONTWRITEBYTECODE (this one does) compiles our modules
    from source in every run (about 40 ms), while PyYAML's and MkDocs' bytecode was written when pip
    installed them: the baseline would run from bytecode and our commands from source. The folder holds
    the bytecode of both sides, so both pay the same, once, in an uncounted warm-up run."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder)
    return env
