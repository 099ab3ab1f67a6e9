"""Presentation adapters over the core's plain data: terminal, plain text, JSON, Graphviz."""
