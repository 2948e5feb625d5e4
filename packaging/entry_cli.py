"""The frozen command line (``yinglou-desk-cli``, with a console on Windows)."""

import sys

from yinglou_desk.cli import main

sys.exit(main())
