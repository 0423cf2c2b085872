"""Allow `python -m awesome_approx`."""

import sys

from awesome_approx.cli import main

sys.exit(main())
