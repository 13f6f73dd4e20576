"""Prefect flows: the story of the data, with the work in `bulletins` and `tasks`."""
