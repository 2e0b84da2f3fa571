"""A fixture catalog with preparation plans and validity periods, for schedules and expiry."""

from __future__ import annotations

from tests.conftest import LEVELS

PLANNED_TRACKS = LEVELS + """\
certifications:
  - id: basics
    name: Cloud Basics
    track: cloud
    level: beginner
    validity_months: 24
    effort: {hours: 10}
  - id: assoc
    name: Associate
    track: cloud
    level: intermediate
    requires: [{cert: basics, must_be_valid: true}]
    validity_months: 36
    effort: {hours: 20, estimate: false}
  - id: arch
    name: Architect
    track: cloud
    level: advanced
    requires: [assoc]
    effort: {hours: 40}
    preparation:
      - id: focused
        name: 14 Days Focused Plan
        min_days: 14
        max_days: 14
        phases:
          - {name: Labs, start_day: 1, end_day: 7, activities: [Labs are done.]}
          - {name: Mocks, start_day: 8, end_day: 14, activities: ["Mock exams; review, repeat"]}
      - id: accelerated
        name: 5-10 Days Plan
        min_days: 5
        max_days: 10
        caution: Only with extensive prior experience.
        phases:
          - {name: Review, start_day: 1, end_day: 10}
  - id: nohours
    name: No Hours
    track: data
    requires: [{cert: arch, recommended: true}]
"""
