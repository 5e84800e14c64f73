"""The ``ilearn`` command line: argparse only, so quick commands start quickly."""
