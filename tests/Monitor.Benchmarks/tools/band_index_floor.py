#!/usr/bin/env python3
"""The floor under SQLite ingest with the item_bands candidate index, without .NET or the rest of the pipeline.

Builds the band index as the ingest benchmark's history does (100,000 items x 16 random band keys, the schema of
SqliteMigrations), then inserts 40 random band keys per new item (what one real item writes) in transactions of
1, 20 and 200 items, and prints the CPU microseconds per item. Run with a journal mode: WAL (what the service
uses, synchronous=NORMAL, autocheckpoint 4000 pages), OFF (no journal: the B-tree work and page writes alone).

    python3 tests/Monitor.Benchmarks/tools/band_index_floor.py [WAL|OFF] [history-items]
"""
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time

mode = sys.argv[1] if len(sys.argv) > 1 else "WAL"
history = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
folder = tempfile.mkdtemp(prefix="band-floor-")
path = os.path.join(folder, "bands.db")
db = sqlite3.connect(path, isolation_level=None)
for pragma in (f"journal_mode={mode}", "synchronous=NORMAL", "cache_size=-32768", "mmap_size=268435456", "wal_autocheckpoint=4000"):
    db.execute("PRAGMA " + pragma)
db.execute("CREATE TABLE item_bands (band_key INTEGER NOT NULL, published INTEGER NOT NULL, item_id INTEGER NOT NULL, "
           "PRIMARY KEY (band_key, published, item_id)) WITHOUT ROWID")
rng = random.Random(20261122)
db.execute("BEGIN")
db.executemany("INSERT INTO item_bands VALUES (?,?,?)",
               sorted((rng.getrandbits(63), i, i) for i in range(history) for _ in range(16)))
db.execute("COMMIT")
if mode.upper() == "WAL":
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

next_id = 10 * history
for batch in (1, 20, 200):
    items = 2000
    start = time.process_time()
    for _ in range(items // batch):
        db.execute("BEGIN IMMEDIATE")
        for _ in range(batch):
            next_id += 1
            db.executemany("INSERT INTO item_bands VALUES (?,?,?) ON CONFLICT DO NOTHING",
                           [(rng.getrandbits(63), next_id, next_id) for _ in range(40)])
        db.execute("COMMIT")
    cpu = time.process_time() - start
    print(f"{mode} history {history:,} items, {batch:>3} items per transaction: {cpu / items * 1e6:,.0f} µs CPU per item")
db.close()
shutil.rmtree(folder)
