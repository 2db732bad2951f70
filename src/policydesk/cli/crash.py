"""What the user sees when policydesk itself fails: a short message, a report file, and exit status 70."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from policydesk.store.places import save_fault_report

EXIT_FAULT = 70
"""Neither 1 (findings) nor 2 (bad input): scripts can tell a fault in policydesk from a problem in a file."""


def report(exc: BaseException, argv: Sequence[str]) -> int:
    """Save the details to a report file and tell the user what happened and what to send."""
    saved = save_fault_report(exc, f"command: policydesk {' '.join(argv)}")
    where = f"The details are in {saved}." if saved else "The details could not be saved."
    sys.stderr.write(
        f"policydesk stopped because of a fault in policydesk itself, not in your files "
        f"({type(exc).__name__}: {str(exc)[:200]}).\n"
        f"{where} Please send that file, and the command you ran, to whoever looks after policydesk for you.\n"
    )
    return EXIT_FAULT
