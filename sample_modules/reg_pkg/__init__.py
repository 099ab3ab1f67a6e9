"""A package whose registry is filled by modules in sub-packages."""
