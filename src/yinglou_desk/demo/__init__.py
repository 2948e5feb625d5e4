"""The demo studio: three years of invented orders for trying the program and for benchmarks. Never used by a real studio's data."""
