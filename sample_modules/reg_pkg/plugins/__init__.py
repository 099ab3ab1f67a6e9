"""Commands contributed by plugins."""
