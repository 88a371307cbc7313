"""`policygen check`: the rule registry and its rules, and the findings they produce."""
