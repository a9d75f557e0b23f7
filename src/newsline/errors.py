"""One exception tree for newsline.

::

    NewslineError                 base: anything newsline raises on purpose
    ├── ConfigError               bad option, bad config file, unknown format (raised early, loudly)
    │   └── QueryError            a filter, cursor or search query that cannot be understood
    ├── StoreError                the store cannot be opened / migrated / written
    │   └── OutputError           an output file (-o) cannot be written
    ├── MissingExtraError         an optional dependency is not installed (names the extra)
    └── InputError                one input cannot be used; becomes a Reject, the run goes on
        ├── EmptyInputError
        ├── BinaryInputError
        ├── DecodeError
        ├── TooLargeError
        ├── MalformedInputError   truncated HTML, broken JSON, garbage WARC, non-XML feed …
        │   └── NoMainTextError   an HTML page with no main text (keeps the page's date, if any)
        └── NoArticlesError       a folder / container that holds no article

``InputError`` carries the step that refused the input; ``reason`` is the message stored in the
``rejects`` table, so it must say what was wrong in words a user can act on.
"""
from __future__ import annotations


class NewslineError(Exception):
    """Base of every error newsline raises on purpose."""


class ConfigError(NewslineError):
    """A configuration or usage error: raised early, never turned into a reject."""


class StoreError(NewslineError):
    """The store could not be opened, migrated or written."""


class OutputError(StoreError):
    """An output file (``-o FILE``) cannot be written: missing folder, no permission, disk full."""


class MissingExtraError(NewslineError):
    def __init__(self, module: str, extra: str):
        super().__init__(f"{module} is not installed: pip install 'newsline[{extra}]'")
        self.module = module
        self.extra = extra


class InputError(NewslineError):
    """One input could not be used. The run records it as a reject and goes on."""

    step = "read"

    def __init__(self, reason: str, *, step: str | None = None):
        super().__init__(reason)
        if step:
            self.step = step

    @property
    def reason(self) -> str:
        return str(self)


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class DecodeError(InputError):
    step = "decode"


class TooLargeError(InputError):
    pass


class MalformedInputError(InputError):
    pass


class NoMainTextError(MalformedInputError):
    """An HTML page with no main text. ``published`` keeps the date the page carries (the reason
    says it too), so a refused page does not lose what is known about it."""

    def __init__(self, reason: str, *, published: str | None = None, step: str | None = None):
        super().__init__(reason, step=step)
        self.published = published


class NoArticlesError(InputError):
    pass


class QueryError(ConfigError):
    """A filter, cursor or search query that cannot be understood (HTTP 400 in ``newsline serve``)."""
