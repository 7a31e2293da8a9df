"""Latency of ``check()`` over a few thousand mixed comments (no database).

    DEBUG=1 .venv/bin/python -m briefing.rules.bench

Prints p50/p90/p99 and the worst case (wall clock and thread CPU time), after one warm-up call that builds the lexicon automata.
"""

import random
import statistics
import time

from .evaluate import honest_samples, sample_release, setup_django, violation_samples

ROUNDS = 4000


def mixed_comments(rng: random.Random) -> list:
    samples = honest_samples() + violation_samples()
    return [rng.choice(samples) for _ in range(ROUNDS)]


def run() -> dict[str, dict[str, float]]:
    from .engine import check

    release = sample_release()
    rng = random.Random(2024)  # noqa: S311 - a reproducible sample, not security
    history = [s.text for s in honest_samples()[:20]]
    check("워밍업", release=release)
    wall, cpu = [], []
    for sample in mixed_comments(rng):
        recent = list(sample.recent) or history
        start, start_cpu = time.perf_counter(), time.thread_time()
        check(sample.text, release=release, recent_texts=recent, flood_texts=list(sample.flood))
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return {"wall": _figures(wall), "cpu": _figures(cpu)}


def _figures(timings: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(timings, n=100)
    return {"p50": cuts[49], "p90": cuts[89], "p99": cuts[98], "max": max(timings)}


def main() -> None:
    setup_django()
    # Wall time includes other processes on a busy machine; thread CPU time is check() alone.
    for clock, figures in run().items():
        summary = ", ".join(f"{name} {value:.2f} ms" for name, value in figures.items())
        print(f"check() over {ROUNDS} comments, {clock}: {summary}")


if __name__ == "__main__":
    main()
