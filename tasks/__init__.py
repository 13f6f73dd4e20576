"""Prefect tasks: thin wrappers over `bulletins` functions, one task per batch of documents."""
