"""ikit's benchmarks: run them all with ``python3 benchmarks/run.py``."""
