"""`python -m bench` (what `make bench` runs): see bench/run.py."""

from bench.run import main

raise SystemExit(main())
