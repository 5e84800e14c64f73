"""Everything that carries the journal out (exports) and in (imports); no Textual here."""
