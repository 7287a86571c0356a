"""letters: write a looked-after child's review outcome as a letter the child can read."""

__version__ = "0.1.0"
