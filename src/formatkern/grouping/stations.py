"""Station rotation (Gallery Walk): every group visits every station once, one group per station.

Round k sends group g to station (g + k) mod S, a cyclic Latin square: each group moves on to
the next station ("clockwise") and no two groups ever stand at the same poster.
"""

from __future__ import annotations

from formatkern.errors import GroupingError


def rotation(groups: int, stations: int) -> list[list[int]]:
    """Per round, the station index of each group; as many rounds as there are stations.

    With more stations than groups some stations stay empty in a round. More groups than
    stations cannot keep one group per station, so that is an error the facilitator fixes by
    adding stations or merging groups.
    """
    if groups < 1:
        raise GroupingError(f"a station rotation needs at least one group, got {groups}")
    if stations < 1:
        raise GroupingError(f"a station rotation needs at least one station, got {stations}")
    if groups > stations:
        raise GroupingError(
            f"{groups} groups cannot rotate through {stations} stations without two groups "
            f"sharing a station; add {groups - stations} station(s) or form {stations} groups"
        )
    return [[(g + k) % stations for g in range(groups)] for k in range(stations)]


def occupants(plan: list[list[int]], stations: int) -> list[list[int | None]]:
    """The same rotation seen from the stations: per round, the group at each station or None."""
    out: list[list[int | None]] = []
    for round_stations in plan:
        at: list[int | None] = [None] * stations
        for group, station in enumerate(round_stations):
            at[station] = group
        out.append(at)
    return out
