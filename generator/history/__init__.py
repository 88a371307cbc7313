"""The policy's history: snapshots of released versions, what changed between two, in words (docs/history.md)."""
