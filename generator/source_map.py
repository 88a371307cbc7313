"""Where each value of the loaded sources was written.

Paths are tuples of keys and list indexes, the same as pydantic's error
locations and as the paths that checks report (`("activities", 2, "retention")`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import SourcePosition

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    values: dict[Path_, SourcePosition] = field(default_factory=dict)
    keys: dict[Path_, SourcePosition] = field(default_factory=dict)

    def position(self, path: Path_) -> SourcePosition | None:
        """Where the value at `path` (or the nearest enclosing one) was written."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.values:
                return self.values[prefix]
        return None

    def key_position(self, path: Path_) -> SourcePosition | None:
        """Where the key that introduces `path` was written, else its value."""
        return self.keys.get(path) or self.position(path)

    def contains(self, path: Path_) -> bool:
        return path in self.values or path in self.keys
