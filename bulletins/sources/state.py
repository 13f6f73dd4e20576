"""What the sources have already delivered: the inbox and HTTP cache files under `<warehouse>/state/`.

Loading never writes these files. Each document carries its pending update in
`Document.meta["state"]`; the flow calls `commit_state` only after the warehouse
commit succeeded, so a failed run reads and fetches the same things again next time.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bulletins.model import Document

STORES = {"inbox": "inbox.json", "http": "http_cache.json"}
STATE_VERSION = 1


@dataclass(frozen=True)
class StateUpdate:
    """One entry to record once the warehouse holds the document it came with."""

    store: str  # inbox | http
    key: str  # resolved file path or URL
    entry: dict[str, Any]

    def to_meta(self) -> dict[str, Any]:
        """A plain dict, so the update travels in Document.meta through Prefect and Dask."""
        return asdict(self)


def state_path(state_dir: Path, store: str) -> Path:
    """The file of one store; an unknown store name is a programming error."""
    if store not in STORES:
        raise ValueError(f"unknown state store {store!r}; expected one of {sorted(STORES)}")
    return Path(state_dir) / STORES[store]


def read_state(state_dir: Path, store: str) -> dict[str, dict[str, Any]]:
    """The entries of one store; an absent file is an empty store, a corrupt one is an error."""
    path = state_path(state_dir, store)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"corrupt source state file {path}: {exc}; delete it to re-read all sources") from exc
    if not isinstance(entries, dict):
        raise ValueError(f"corrupt source state file {path}: 'entries' is not an object")
    return entries


def write_state(state_dir: Path, store: str, entries: dict[str, dict[str, Any]]) -> None:
    """Replace a store atomically (temp file + rename), so a crash never leaves half a file."""
    path = state_path(state_dir, store)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"version": STATE_VERSION, "entries": entries}, ensure_ascii=False, indent=1,
                         sort_keys=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def pending_updates(pending: Iterable[Document | StateUpdate]) -> list[StateUpdate]:
    """The state updates carried by documents (`meta["state"]`) or given directly."""
    out: list[StateUpdate] = []
    for item in pending:
        if isinstance(item, StateUpdate):
            out.append(item)
        elif isinstance(item, Document):
            carried = item.meta.get("state")
            if carried:
                out.append(StateUpdate(carried["store"], carried["key"], dict(carried["entry"])))
        else:
            raise TypeError(f"commit_state expects Documents or StateUpdates, got {type(item).__name__}")
    return out


def commit_state(state_dir: Path, pending: Iterable[Document | StateUpdate]) -> int:
    """Record what a committed run delivered; returns the number of entries written.

    Call it right after the warehouse commit with the run's documents (all of them,
    quarantined included: their bytes were seen and stored). Entries merge into the
    existing files; nothing else is touched.
    """
    updates = pending_updates(pending)
    by_store: dict[str, list[StateUpdate]] = {}
    for upd in updates:
        by_store.setdefault(upd.store, []).append(upd)
    for store, items in by_store.items():
        entries = read_state(state_dir, store)
        for upd in items:
            entries[upd.key] = upd.entry
        write_state(state_dir, store, entries)
    return len(updates)
