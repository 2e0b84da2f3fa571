"""Readers of vendors' published catalog formats, each turning a saved file into a catalog.

ctdl        Credential Engine's CTDL JSON-LD (``ceterms:`` credentials and condition profiles)
mslearn     a saved Microsoft Learn catalog API response (certifications, exams, levels, roles)
common      what both share: reading the JSON file, ids, durations, and writing the catalog

Each reader returns a ``Draft``: the three catalog files as plain data, and the list of what the
source held that the catalog format has no place for. These read vendor *catalogs*; the readers
of a person's earned credentials (badges, exports) are ``certpath.credentials``.
"""
