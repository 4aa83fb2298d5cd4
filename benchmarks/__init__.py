"""Benchmarks for `make bench`: Redline's own code paths at scale, beside baselines."""
