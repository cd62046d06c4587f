"""`python -m raiassist.lsp`."""

import sys

from raiassist.lsp import main

sys.exit(main())
