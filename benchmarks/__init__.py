"""Benchmarks for tangent.

Run everything with ``python -m benchmarks`` from the repository root
(``--write`` also saves the report to ``docs/benchmarks-core.md``).
"""
