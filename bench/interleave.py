#!/usr/bin/env python3
"""Times whole processes interleaved: one warm-up each, then RUNS rounds running every command once, the order
rotated each round (this machine's speed drifts within minutes, so commands are compared run by run, not block by
block). Prints JSON: per command the median wall and CPU (user + system) seconds, and per command after the first the
median of its per-round ratios to the first.

    python3 bench/interleave.py RUNS NAME=COMMAND [NAME=COMMAND ...]

A COMMAND is split like a shell word list (shlex); its output is discarded and it must exit 0.
"""
import json, resource, shlex, statistics, subprocess, sys, time

runs = int(sys.argv[1])
commands = [(spec.split("=", 1)[0], shlex.split(spec.split("=", 1)[1])) for spec in sys.argv[2:]]


def run(argv):
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


for _, argv in commands:
    run(argv)
times = {name: [] for name, _ in commands}
for i in range(runs):
    for name, argv in commands[i % len(commands):] + commands[:i % len(commands)]:
        times[name].append(run(argv))
first = commands[0][0]
result = {}
for name, _ in commands:
    entry = {"wall": statistics.median(t[0] for t in times[name]), "cpu": statistics.median(t[1] for t in times[name])}
    if name != first:
        entry["wall_ratio"] = statistics.median(a[0] / b[0] for a, b in zip(times[first], times[name]))
        entry["cpu_ratio"] = statistics.median(a[1] / b[1] for a, b in zip(times[first], times[name]))
    result[name] = entry
print(json.dumps(result))
