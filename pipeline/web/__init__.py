"""The web application: `congvan serve` (pipeline/web/app.py)."""
