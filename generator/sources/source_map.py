"""Where each value of the loaded sources was written.

Paths are tuples of keys and list indexes, the same as pydantic's error
locations and as the paths that checks report (`("activities", 2, "retention")`).

Positions are looked up only when an error or finding needs one: the map
keeps the composed YAML nodes of each top-level key and walks them by path.
Recording a position for every value up front cost more than the rest of
loading a large policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import SourcePosition

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class _TopLevel:
    file: Path
    key: yaml.Node
    value: yaml.Node


def node_position(file: Path, node: yaml.Node) -> SourcePosition:
    return SourcePosition(file, node.start_mark.line + 1, node.start_mark.column + 1)


@dataclass
class SourceMap:
    _top_level: dict[str, _TopLevel] = field(default_factory=dict)
    _fixed: dict[Path_, SourcePosition] = field(default_factory=dict)

    def add_top_level(self, file: Path, key: yaml.Node, value: yaml.Node) -> None:
        """A top-level key of a YAML file and its value."""
        self._top_level[key.value] = _TopLevel(file, key, value)

    def add_position(self, path: Path_, position: SourcePosition) -> None:
        """A value that does not come from YAML, e.g. a Markdown fragment file."""
        self._fixed[path] = position

    def has_top_level(self, key: str) -> bool:
        return key in self._top_level

    def position(self, path: Path_) -> SourcePosition | None:
        """Where the value at `path` (or the nearest enclosing one) was written."""
        for end in range(len(path), 0, -1):
            if path[:end] in self._fixed:
                return self._fixed[path[:end]]
        found = self._walk(path)
        if found is None:
            return None
        file, _key, value, _depth = found
        return node_position(file, value)

    def key_position(self, path: Path_) -> SourcePosition | None:
        """Where the key that introduces `path` was written, else the nearest value."""
        found = self._walk(path)
        if found is not None:
            file, key, _value, depth = found
            if depth == len(path) and key is not None:
                return node_position(file, key)
        return self.position(path)

    def contains(self, path: Path_) -> bool:
        """Whether `path` exists in the sources exactly."""
        if path in self._fixed:
            return True
        found = self._walk(path)
        return found is not None and found[3] == len(path)

    def has_key(self, path: Path_) -> bool:
        """Whether `path` ends in a mapping key that exists in the sources."""
        found = self._walk(path)
        return found is not None and found[3] == len(path) and found[1] is not None

    def _walk(self, path: Path_) -> tuple[Path, yaml.Node | None, yaml.Node, int] | None:
        """Follow `path` as far as the nodes go: (file, key node, value node, depth reached)."""
        if not path or not isinstance(path[0], str) or path[0] not in self._top_level:
            return None
        top = self._top_level[path[0]]
        key: yaml.Node | None = top.key
        node = top.value
        depth = 1
        for segment in path[1:]:
            if isinstance(node, yaml.MappingNode) and isinstance(segment, str):
                pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == segment), None)
                if pair is None:
                    break
                key, node = pair
            elif isinstance(node, yaml.SequenceNode) and isinstance(segment, int) and 0 <= segment < len(node.value):
                key, node = None, node.value[segment]
            else:
                break
            depth += 1
        return top.file, key, node, depth
