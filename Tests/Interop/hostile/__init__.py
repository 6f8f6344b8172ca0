"""Support code for the hostile-input, fault, secret-leak and schema suites (and tools/bench)."""
