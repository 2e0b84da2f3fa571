"""Run certpath as ``python -m certpath``."""

from certpath.cli import main

main()
