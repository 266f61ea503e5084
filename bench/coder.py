"""The job-ad occupation coder (issue 8, "Performance"), single process, one CPU core.

1. training on the full shipped material (9,963 ads + auxiliary texts), with the
   cross-validated calibration: wall and CPU seconds (target < 10 min on this 2-core machine);
2. batch coding of the 9,963 shipped ads (top 5, explanation, flags): ads/s (target >= 1,000
   ads/s on one core);
3. single-ad coding, 500 ads one at a time: p50 / p95 latency (target p95 < 50 ms);
4. peak memory of the coding process: its peak resident set (``VmHWM`` in /proc/self/status)
   in a fresh process that only loads the model and codes (target < 1.5 GB);
5. the model file's size (target < 50 MB).

Coding runs in a child process pinned to one core (``os.sched_setaffinity``) with BLAS and
OpenMP limited to one thread. Usage: ``bench/coder.py [--model PATH]`` (without ``--model`` it
trains one into ``var/bench/coder/``). Prints Markdown; exits 1 if a target is missed.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import multiprocessing  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from skillshub.labour_market.coding.model import OccupationCoder  # noqa: E402
from skillshub.labour_market.coding.training import load_ads, training_material  # noqa: E402

MB = 1024 * 1024


def _peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM from /proc (Linux), else ru_maxrss.

    ru_maxrss is not used first because Linux carries it over an exec, so a spawned child
    would report its parent's peak (the training) instead of its own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _code(path: str, queue: multiprocessing.Queue) -> None:
    """The child: load, code everything in batch, then one ad at a time; report to the queue."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    started = time.perf_counter()
    coder = OccupationCoder.load(Path(path))
    load_seconds = time.perf_counter() - started
    ads = [(ad.title, ad.description) for ad in load_ads()]
    coder.predict(ads[:200])  # warm-up (first use of the vectorisers, lazy feature names)
    started = time.perf_counter()
    cpu = time.process_time()
    predictions = coder.predict(ads)
    batch_seconds = time.perf_counter() - started
    batch_cpu = time.process_time() - cpu
    started = time.perf_counter()
    coder.predict(ads, explain=False)
    batch_plain_seconds = time.perf_counter() - started
    latencies = []
    for ad in ads[:500]:
        started = time.perf_counter()
        coder.predict([ad])
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    queue.put(
        {
            "load_s": load_seconds,
            "n": len(predictions),
            "batch_s": batch_seconds,
            "batch_cpu_s": batch_cpu,
            "batch_plain_s": batch_plain_seconds,
            "p50_ms": statistics.median(latencies),
            "p95_ms": latencies[int(0.95 * len(latencies)) - 1],
            "max_ms": latencies[-1],
            "maxrss_mb": _peak_rss_mb(),
        }
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Occupation coder benchmark")
    parser.add_argument("--model", type=Path, default=None)
    args = parser.parse_args()
    rows: list[tuple[str, str, str, bool]] = []
    if args.model is None:
        examples = training_material()
        started = time.perf_counter()
        cpu = time.process_time()
        coder = OccupationCoder.train(examples)
        wall = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu
        path = coder.save(ROOT / "var" / "bench" / "coder")
        train_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(
            (
                f"training ({len(examples):,} examples, {coder.metadata['n_codes']:,} codes, "
                "3-fold calibration + final fit)",
                f"**{wall:.0f} s** wall, {cpu_seconds:.0f} s CPU, peak RSS {train_rss:,.0f} MB",
                "< 600 s",
                wall < 600,
            )
        )
    else:
        path = args.model
    size = path.stat().st_size / MB
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_code, args=(str(path), queue))
    child.start()
    result = queue.get()
    child.join()
    throughput = result["n"] / result["batch_s"]
    rows += [
        (
            f"batch coding, {result['n']:,} ads, top 5 + explanation, one core",
            f"**{throughput:,.0f} ads/s** ({result['batch_s']:.1f} s; without explanation "
            f"{result['n'] / result['batch_plain_s']:,.0f} ads/s)",
            ">= 1,000 ads/s",
            throughput >= 1000,
        ),
        (
            "single ad, 500 ads one at a time",
            f"p50 {result['p50_ms']:.1f} ms, **p95 {result['p95_ms']:.1f} ms**, "
            f"max {result['max_ms']:.1f} ms",
            "p95 < 50 ms",
            result["p95_ms"] < 50,
        ),
        (
            "peak memory of the coding process (VmHWM: load + batch + single)",
            f"**{result['maxrss_mb']:,.0f} MB**",
            "< 1,536 MB",
            result["maxrss_mb"] < 1536,
        ),
        (
            f"model file ({path.name}), load time",
            f"**{size:.1f} MB**, loaded in {result['load_s']:.1f} s",
            "< 50 MB",
            size < 50,
        ),
    ]
    print("| measure | value | target | |\n|---|---|---|---|")
    for name, value, target, ok in rows:
        print(f"| {name} | {value} | {target} | {'ok' if ok else '**missed**'} |")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
