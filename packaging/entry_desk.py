"""The frozen desk (``yinglou-desk``, windowed on Windows): the same as ``yinglou-desk gui``."""

import sys

from yinglou_desk.cli import gui_main

sys.exit(gui_main())
