"""B1 with NumPy (its BLAS, e.g. OpenBLAS), printing lines in GemmBench's format for a side-by-side run.

Usage: python3 numpy_gemm.py SIZES THREADS LAYOUTS, e.g. 256,1024 1,2 NN,NT,TN. The BLAS thread count
is fixed per process, so run.sh starts one process per thread count with OPENBLAS_NUM_THREADS set and
passes that count as THREADS.
"""
import sys
import time

import numpy as np


def median_seconds(a, b, c):
    for _ in range(3):
        np.matmul(a, b, out=c)
    times = []
    deadline = time.perf_counter() + 1.0
    while len(times) < 7 or (len(times) < 51 and time.perf_counter() < deadline):
        t0 = time.perf_counter()
        np.matmul(a, b, out=c)
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    sizes = [int(s) for s in sys.argv[1].split(",")]
    threads = sys.argv[2]
    layouts = sys.argv[3].split(",")
    for n in sizes:
        rng = np.random.default_rng(n)
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        c = np.empty((n, n), np.float32)
        for layout in layouts:
            # A transposed view is what a row-major BLAS call with trans='T' sees: no copy is made.
            opa = a.T if layout[0] == "T" else a
            opb = b.T if layout[1] == "T" else b
            s = median_seconds(opa, opb, c)
            print(f"numpy gemm n={n} threads={threads} layout={layout} gflops={2 * n ** 3 / s / 1e9:.1f}", flush=True)


if __name__ == "__main__":
    main()
