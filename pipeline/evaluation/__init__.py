"""Scoring records against gold, as ../shared/eval/score.py does."""
