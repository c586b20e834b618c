"""One error type for content mistakes: file, line, column, field path, what was expected and received."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class CurriculumError(Exception):
    """Raised once with every content error of a run, so an editor fixes them all in one pass."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        lines = [str(error) for error in self.errors]
        return "\n".join([*lines, f"{count} {noun} in the curriculum."])
