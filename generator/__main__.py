"""`python -m generator` works like `policygen`."""

from generator.cli import main

raise SystemExit(main())
