"""Sources and formats: folders, URLs and feeds in; decoded `Document`s out.

Public API used by the flow and the CLI:

    discover(specs, state_dir) -> list[SourceRef]
    load_batch(refs, state_dir, settings) -> list[Document]
    decode_bytes(raw, name, content_type=None) -> Document
    commit_state(state_dir, documents) -> int   # after the warehouse commit
"""

from bulletins.sources.core import FEED_PREFIX, SourceRef, discover, is_feed_url, load_batch
from bulletins.sources.fetch import FetchResult, TransientFetchError, fetch, fetch_once
from bulletins.sources.formats import decode_bytes, decode_text
from bulletins.sources.state import StateUpdate, commit_state, pending_updates, read_state

__all__ = [
    "FEED_PREFIX",
    "FetchResult",
    "SourceRef",
    "StateUpdate",
    "TransientFetchError",
    "commit_state",
    "decode_bytes",
    "decode_text",
    "discover",
    "fetch",
    "fetch_once",
    "is_feed_url",
    "load_batch",
    "pending_updates",
    "read_state",
]
