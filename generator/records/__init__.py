"""The records of processing (GDPR Art. 30): one document, written as JSON, CSV, DPV JSON-LD and a page."""
