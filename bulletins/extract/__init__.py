"""The one extractor: stored document text in, quantity facts out (see ../shared/gold/SPEC.md).

Find, then interpret: `normalize` repairs the text keeping an offset map,
`split_sentences` cuts it, `find_mentions` locates numbers and blanks with
value, unit, measure and qualifier, `annotate` resolves indicator, region,
period and status from sentence and document context. Spans are mapped back
to the stored text, so `text[span_start:span_end] == quote` always holds.
"""

from bulletins.extract.pipeline import extract_document, extract_facts, find_document_date

__all__ = ["extract_document", "extract_facts", "find_document_date"]
