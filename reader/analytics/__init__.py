"""Seeing the collection at a glance: timelines, concordances, co-occurrence,
related articles, near-duplicates and exports.

Textual-free core: each module computes one thing from what the store holds
(through `reader.library.Library` or `reader.store.Store`); the CLI
(`reader/analytics/cli.py`) and the TUI show the results.
"""
