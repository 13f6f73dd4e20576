"""bulletin-indicators: statistical bulletins in, validated quantity facts out.

Pure domain logic (reading, extraction, checks, warehouse) lives in this package and
never imports Prefect; `flows/` and `tasks/` are thin Prefect wrappers around it.
"""

__version__ = "0.1.0"
