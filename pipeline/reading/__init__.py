"""Reading: files to pages of text (text layers, OCR, layout, diacritics, legacy encodings)."""
