"""Fixtures that run simulate_openai on loopback (being written)."""
