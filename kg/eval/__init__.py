"""Scoring extraction against gold annotations (the format of shared/gold/README.md)."""
