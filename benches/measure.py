#!/usr/bin/env python3
"""Runs a command and prints what it cost, counting every process it started — also children
that outlive it or that it never waits for (this script makes itself their subreaper):

    python3 benches/measure.py [--repeat N] [--stdout FILE] -- COMMAND...

prints one JSON line: wall seconds (the fastest of N runs), CPU seconds (user + system, of
that run and all its descendants) and the peak resident memory of the largest single process,
in MB. Linux only; standard library only.
"""

import argparse
import ctypes
import json
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def once(cmd, stdout):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(stdout, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, err = proc.communicate()
    wall = time.perf_counter() - start
    # Orphaned descendants were handed to this process: wait for them, so that their CPU time
    # is counted.
    while True:
        try:
            pid, _ = os.waitpid(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc.returncode, wall, cpu, after.ru_maxrss / 1024, err.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    best = None
    for _ in range(a.repeat):
        code, wall, cpu, rss, err = once(cmd, a.stdout)
        if code not in (0, 1):
            sys.stderr.write(err)
            sys.exit(f"{cmd[0]} exited with {code}")
        if best is None or wall < best[0]:
            best = (wall, cpu, err)
    stats = next((l.split("stats: ", 1)[1] for l in best[2].splitlines() if "stats: " in l), None)
    print(json.dumps({
        "wall_s": round(best[0], 3),
        "cpu_s": round(best[1], 3),
        "peak_rss_mb": round(rss, 1),
        "stats": json.loads(stats) if stats else None,
    }))


if __name__ == "__main__":
    main()
