"""Run policydesk as ``python -m policydesk``."""

from policydesk.cli import run

raise SystemExit(run())
