"""Engines that run the per-article function somewhere other than the local process pool.

`runner.py` is the local engine (a process pool on one machine). `ray.py` runs the same
function on a Ray cluster through Ray Data. `parquet.py` is a store made of Parquet
shards, for clusters whose workers cannot reach the database, loaded later by
`newsevents load`.
"""
