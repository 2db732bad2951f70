"""Run policydesk as ``python -m policydesk``."""

from policydesk.cli import main

raise SystemExit(main())
