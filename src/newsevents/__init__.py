"""newsevents: political event data from English news articles."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # `newsevents.open(db)` without importing DuckDB and pyarrow for every `import newsevents`.
    if name == "open":
        from newsevents.api import open

        return open
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
