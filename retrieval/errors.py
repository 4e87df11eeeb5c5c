"""One root exception for everything corpusbot raises on purpose."""


class CorpusbotError(Exception):
    """Root of corpusbot's own errors: the message is one line meant for a person."""


class BadInputError(CorpusbotError):
    """The user's input is unusable (empty or over-long question, bad option value)."""


class CorpusError(CorpusbotError):
    """The corpus folder is missing, empty, or holds nothing readable."""


class IndexLoadError(CorpusbotError):
    """The index is missing, damaged, or was built with another model."""


class BackendUnavailableError(CorpusbotError):
    """A remote service the bot depends on (a vector store) cannot be reached."""


class IndexFolderError(BadInputError):
    """The index folder holds things corpusbot did not write, so a build will not touch it."""


class UnreadableFileError(CorpusError):
    """One corpus file cannot be used (encrypted, damaged, too large, no text): it is skipped."""
