"""Equity Dashboard: disparity indicators and program outcomes for health equity coalitions."""

__version__ = "0.1.0"
