"""The external programs, one module each (Tesseract, antiword, poppler), and recorded OCR."""
