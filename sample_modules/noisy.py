"""Prints at import time (mro-explain must keep its stdout clean)."""

import os
import sys

print("hello from noisy at import")
print("a second line", file=sys.stderr)
os.write(1, b"written to fd 1 by os.write\n")


class Loud:
    pass


class Louder(Loud):
    pass
