"""The test suite: one folder per package of generator/, plus the banner (consent_js/)."""
