"""Benchmarks for pg-rewards: `python bench/run.py` (see bench/README.md). Never run as tests."""
