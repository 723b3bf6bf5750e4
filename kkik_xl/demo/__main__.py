"""``python -m kkik_xl.demo [MAPP]`` runs the whole demo (``make demo``)."""

import sys

from kkik_xl.demo.flow import main

sys.exit(main())
