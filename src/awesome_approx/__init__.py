"""awesome-approx: the list 'Approximate Computing in Deep Neural Networks' as data, and its tooling."""

from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed package's folder, for its data files (a plain path: importlib.resources cost 15 ms of
start-up per run)."""
