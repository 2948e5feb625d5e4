import sys

from yinglou_desk.cli import main

sys.exit(main())
