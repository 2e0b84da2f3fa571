"""certpath: an offline certification path advisor."""

__version__ = "0.1.0"
