"""argparse with mistakes named the way an officer makes them: a misspelt option gets a suggestion."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """Reports an unknown or misspelt option first, with the nearest real one, before anything else."""

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        words = list(sys.argv[1:] if args is None else args)
        self._refuse_unknown_options(words)
        return super().parse_known_args(words, namespace)

    def _refuse_unknown_options(self, words: list[str]) -> None:
        known = {option for action in self._actions for option in action.option_strings}
        for word in words:
            if word == "--":
                return
            if word in self._subparser_names():
                return
            name = word.split("=", 1)[0]
            if name.startswith("--") and name not in known:
                from rapidfuzz import process  # only for a mistake: it costs start-up time

                found = process.extractOne(name, sorted(known), score_cutoff=70)
                hint = f" (did you mean {found[0]}?)" if found else ""
                self.error(f"there is no option {name}{hint}")

    def _subparser_names(self) -> set[str]:
        return {
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        }

    def error(self, message: str) -> NoReturn:
        wrong = re.match(r"argument COMMAND: invalid choice: '([^']*)'", message)
        if wrong:
            from rapidfuzz import process

            found = process.extractOne(wrong[1], sorted(self._subparser_names()), score_cutoff=60)
            hint = f" (did you mean {found[0]}?)" if found else ""
            self.exit(2, f"{self.prog}: there is no command '{wrong[1]}'{hint}; run '{self.prog} --help' to see them\n")
        self.exit(2, f"{self.prog}: {message}; run '{self.prog} --help' to see every option\n")
