"""newsevents: political event data from English news articles."""

__version__ = "0.1.0"
