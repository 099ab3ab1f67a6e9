"""The commands of ``mro-explain``: one module per feature, each with ``register(app)``.

Command modules import only typer at the top; the analysis core and the
renderers are imported inside the command bodies so that start-up stays light.
"""
