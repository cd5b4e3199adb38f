"""One exception tree. Every message names the input and says what to do.

    NewsbriefError
    ├── InputError        an input path/URL/stream cannot be read as articles (CLI exit 2)
    │   └── NoArticlesError   nothing readable was found in any input (CLI exit 2)
    ├── FetchError        a URL or feed could not be fetched safely
    ├── StoreError        the story database cannot be opened or written
    └── MissingExtraError an optional extra (eval, web, spark) is not installed
"""

from __future__ import annotations


class NewsbriefError(Exception):
    """Base of every error newsbrief raises on purpose."""

    exit_code = 1


class InputError(NewsbriefError):
    exit_code = 2

    def __init__(self, input_name: str, reason: str, hint: str = "") -> None:
        self.input = input_name
        self.reason = reason
        self.hint = hint
        message = f"{input_name}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class NoArticlesError(InputError):
    pass


class FetchError(NewsbriefError):
    exit_code = 2

    def __init__(self, url: str, reason: str, hint: str = "") -> None:
        self.url = url
        self.reason = reason
        message = f"{url}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class StoreError(NewsbriefError):
    exit_code = 2


class MissingExtraError(NewsbriefError):
    exit_code = 2

    def __init__(self, extra: str, module: str) -> None:
        super().__init__(
            f"this command needs the '{extra}' extra ({module} is not installed): "
            f"pip install 'newsbrief[{extra}]'"
        )
