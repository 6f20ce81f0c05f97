"""The diagnoser's parts: extraction (code), key hints (code), rules (data) and ranking.

`errors_kb.diagnose` is the one entry point the rest of the product calls.
"""
