"""Never imported by the walk."""

import sys

sys.exit("__main__ of reg_pkg was imported")
