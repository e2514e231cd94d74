"""newsprep: turn Chinese news articles into evidence-linked tables about China's AI-for-Science landscape."""

__version__ = "0.1.0"
