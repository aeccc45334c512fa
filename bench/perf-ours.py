#!/usr/bin/env python3
"""Where the shipped analyzer's CPU goes, from `perf script -F tid,time,ip,sym` output (see DEVELOPERS.md).

A sample counts as ours when a [DualStackAnalyzers] frame is on its stack; at -F 999 one sample is about a
millisecond of CPU. Samples outside our frames (a callee of ours in Roslyn or the runtime) are charged to the nearest
frame of ours. Only the last --seconds of the recording are read: with --hosted-only 3, give the last pass's
"analysis wall" so that the first pass (JIT, tier-0 code) is left out.
"""
import argparse
import collections
import re

OURS = "[DualStackAnalyzers] "


def read(path):
    samples, stack, time = [], None, 0.0
    with open(path, errors="replace") as text:
        for line in text:
            if not line.strip():
                if stack is not None:
                    samples.append((time, stack))
                stack = None
            elif not line.startswith("\t"):
                time, stack = float(line.split()[1].rstrip(":")), []
            elif stack is not None:
                parts = line.strip().split(" ", 1)
                stack.append(parts[1] if len(parts) > 1 else "?")
    if stack is not None:
        samples.append((time, stack))
    return samples


def short(frame):
    match = re.search(r"\] ([\w.`<>|$+]+::[^(]+)", frame)
    return (match.group(1) if match else frame)[:120]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("perf_script_output")
    parser.add_argument("--seconds", type=float, default=35.0, help="read the last N seconds (default 35)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    samples = read(args.perf_script_output)
    end = max(time for time, _ in samples)
    total = host = 0
    nearest, inclusive = collections.Counter(), collections.Counter()
    for time, stack in samples:
        if time < end - args.seconds:
            continue
        ours = [short(frame) for frame in stack if OURS in frame]
        if not ours:
            continue
        total += 1
        # The host's own time: no rule frame on the stack, only RuleHost and the rules' name tests.
        if all("RuleHost" in name or "<Initialize>" in name or "NamedOperations" in name for name in ours):
            host += 1
        nearest[ours[0]] += 1
        for name in set(ours):
            inclusive[name] += 1

    print(f"samples in our frames: {total}; the host's dispatch alone (incl. name tests): {host}")
    for title, counter in (("nearest frame of ours (self + callees outside our code)", nearest), ("inclusive", inclusive)):
        print(f"== {title}")
        for name, count in counter.most_common(args.top):
            print(f"{count:7d}  {name}")


if __name__ == "__main__":
    main()
