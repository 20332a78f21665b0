"""The full-text index: everything built on Whoosh (schema and queries, the
array scorer, the segment writer, phrase matching, analysis, the vocabulary,
and every patch to Whoosh's own code)."""
