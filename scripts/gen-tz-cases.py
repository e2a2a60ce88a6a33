#!/usr/bin/env python3
"""Writes tests/fixtures/routing-tz-cases.json: what Python's zoneinfo (reading the system's
tzdata, the same files scripts/gen-timezones.py reads) says about local time in 2026, for
tests/routing_timezones.rs to check the embedded rules and their evaluator against.

- zones: for every zone name Python knows, the UTC offset (seconds) at 2026-01-01T00:00:00Z
  and each transition of 2026 as [epoch seconds, offset from then on].
- edges: for a few zones chosen for their rules, the offset and local wall time one second
  before, at and one second after each 2026 transition.
- local: for the same zones, local wall times around each transition (in the skipped or
  repeated hour too) and the instant zoneinfo gives them with fold=0: the first occurrence
  of a repeated time, and a skipped time read with the offset before the change.

Usage: python3 scripts/gen-tz-cases.py   (regenerate with scripts/gen-timezones.py, after a
tzdata update).
"""
import json
import os
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, available_timezones

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "routing-tz-cases.json")
YEAR = 2026
EDGE_ZONES = [
    "America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kathmandu",
    "Asia/Tokyo", "Europe/Dublin", "America/St_Johns", "Pacific/Chatham", "America/Santiago",
    "Africa/Cairo", "Asia/Jerusalem", "America/Sao_Paulo", "Asia/Kolkata",
]
START = datetime(YEAR, 1, 1, tzinfo=timezone.utc)
END = datetime(YEAR + 1, 1, 1, tzinfo=timezone.utc)


def offset(zone, instant):
    return int(instant.astimezone(zone).utcoffset().total_seconds())


def transitions(zone):
    out = []
    t = START
    current = offset(zone, t)
    while t < END:
        nxt = t + timedelta(hours=1)
        if offset(zone, nxt) != current:
            lo, hi = t, nxt  # the change happens in (lo, hi]
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid <= lo:
                    break
                if offset(zone, mid) == current:
                    lo = mid
                else:
                    hi = mid
            current = offset(zone, hi)
            out.append([int(hi.timestamp()), current])
        t = nxt
    return out


def iso_utc(instant):
    return instant.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    zones = {}
    # "localtime" is the machine's own zone, not a name configs use.
    for name in sorted(available_timezones() - {"localtime"}):
        zone = ZoneInfo(name)
        zones[name] = [offset(zone, START), transitions(zone)]
    edges, local = [], []
    for name in EDGE_ZONES:
        zone = ZoneInfo(name)
        for at, _ in zones[name][1]:
            t = datetime.fromtimestamp(at, timezone.utc)
            for delta in (-1, 0, 1):
                instant = t + timedelta(seconds=delta)
                wall = instant.astimezone(zone)
                edges.append({"zone": name, "utc": iso_utc(instant), "offset": offset(zone, instant),
                              "local": wall.strftime("%Y-%m-%dT%H:%M:%S")})
            before = (t - timedelta(seconds=1)).astimezone(zone).replace(tzinfo=None)
            for minutes in (-30, 1, 30, 61, 90):
                wall = (before + timedelta(minutes=minutes)).replace(second=0)
                instant = wall.replace(tzinfo=zone, fold=0)
                local.append({"zone": name, "local": wall.strftime("%Y-%m-%dT%H:%M:%S"), "utc": iso_utc(instant)})
    with open(OUT, "w", encoding="ascii", newline="\n") as out:
        json.dump({"year": YEAR, "zones": zones, "edges": edges, "local": local}, out, separators=(",", ":"))
        out.write("\n")
    print(f"{OUT}: {len(zones)} zones, {len(edges)} edges, {len(local)} local times")


if __name__ == "__main__":
    main()
