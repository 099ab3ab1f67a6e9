"""Small importable hierarchies used by the tests and the README examples."""
