#!/usr/bin/env python3
"""Runs Debian's python3-hnswlib on the same raw float32 files as `go run ./index/annbench` and prints the
same JSON lines, so the two can be compared in one run:

    /usr/bin/python3 index/annbench/hnswlib_bench.py -base B -queries Q -dim 768 -k 10 -M 16 -efc 128 -ef 10,20,40,80

Recall is measured against an exact numpy scan. Latency is one knn_query call per query on one thread,
so it includes the Python call overhead (a few microseconds).
"""
import argparse
import json
import os
import tempfile
import time

import hnswlib
import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("-base", required=True)
    p.add_argument("-queries", required=True)
    p.add_argument("-dim", type=int, default=768)
    p.add_argument("-k", type=int, default=10)
    p.add_argument("-M", type=int, default=16)
    p.add_argument("-efc", type=int, default=128)
    p.add_argument("-ef", default="10,20,40,80")
    p.add_argument("-maxq", type=int, default=0, help="use only the first N queries (0 = all)")
    p.add_argument("-threads", type=int, default=0, help="build threads (0 = all CPUs)")
    a = p.parse_args()

    base = np.fromfile(a.base, dtype="<f4").reshape(-1, a.dim)
    queries = np.fromfile(a.queries, dtype="<f4").reshape(-1, a.dim)
    if a.maxq:
        queries = queries[: a.maxq]
    n = base.shape[0]

    index = hnswlib.Index(space="ip", dim=a.dim)
    t0 = time.perf_counter()
    index.init_index(max_elements=n, M=a.M, ef_construction=a.efc, random_seed=1)
    index.add_items(base, np.arange(n), num_threads=a.threads or -1)
    build_s = time.perf_counter() - t0

    fd, path = tempfile.mkstemp(suffix=".hnswlib")
    os.close(fd)
    try:
        index.save_index(path)
        size = os.path.getsize(path)
        t0 = time.perf_counter()
        loaded = hnswlib.Index(space="ip", dim=a.dim)
        loaded.load_index(path, max_elements=n)
        load_s = time.perf_counter() - t0
    finally:
        os.remove(path)
    loaded.set_num_threads(1)

    truth, exact_us = [], []
    for q in queries:
        t0 = time.perf_counter()
        scores = base @ q
        top = np.argpartition(-scores, a.k)[: a.k]
        exact_us.append((time.perf_counter() - t0) * 1e6)
        truth.append(set(top.tolist()))

    print(json.dumps({"engine": "hnswlib", "n": n, "dim": a.dim, "M": a.M, "efc": a.efc,
                      "build_s": build_s, "load_s": load_s, "bytes": size,
                      "exact_p50_us": pct(exact_us, 0.5), "exact_p99_us": pct(exact_us, 0.99)}))
    for ef in [int(x) for x in a.ef.split(",")]:
        loaded.set_ef(ef)
        times, hits = [], 0
        for q, want in zip(queries, truth):
            t0 = time.perf_counter()
            labels, _ = loaded.knn_query(q, k=a.k)
            times.append((time.perf_counter() - t0) * 1e6)
            hits += len(want & set(labels[0].tolist()))
        print(json.dumps({"ef": ef, "recall": hits / (a.k * len(truth)),
                          "p50_us": pct(times, 0.5), "p99_us": pct(times, 0.99)}))


def pct(xs, p):
    s = sorted(xs)
    return s[min(len(s) - 1, int(p * len(s)))]


if __name__ == "__main__":
    main()
