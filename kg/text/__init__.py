"""Reading articles safely: files, formats, encodings, and escaping text for output (text -> articles)."""
