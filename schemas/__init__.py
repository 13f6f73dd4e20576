"""pandera (polars backend) models for the warehouse's tables."""

from schemas.facts import FactSchema

__all__ = ["FactSchema"]
