"""Released versions of a policy: what `policygen release` recorded, read back from `history/`."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import Field

from generator.model.values import StrictModel


class Release(StrictModel):
    """One published version: its version, its date and the facts it stated (a snapshot, docs/history.md)."""

    version: str = Field(min_length=1, description="The policy's version when it was released, e.g. 2.0.")
    date: datetime.date = Field(description="policy.last_updated of that version, YYYY-MM-DD.")
    snapshot: dict[str, Any] = Field(
        description="The facts of that version, as `policygen release` wrote them (generator/history/snapshot.py)."
    )
