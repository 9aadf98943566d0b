"""`python -m pipeline …` is `congvan …`: the same console entry, for a checkout whose venv script points elsewhere."""
from .cli import entry

entry()
