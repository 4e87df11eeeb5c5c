"""What slack-bolt and slack_sdk may write to the log: never a request or response body.

Both libraries put whole payloads into their records: bolt when a signature does not match
(INFO, the body of any size) or a request has no listener (WARNING), slack_sdk for every Web
API call and response (DEBUG, with the answer and the Authorization header), the Socket Mode
client for every message it receives (DEBUG). Every client corpusbot builds is given
``LIBRARY_LOGGER``; bolt also hands its level and filters on to the loggers it makes for its
own middleware. Its filter drops the libraries' DEBUG records, rewrites the records known to
carry a body into one line without it, and drops two records that tell the user nothing.
"""

from __future__ import annotations

import logging

from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped

# Outside ``bot``, so the libraries' chatter follows CORPUSBOT_LOG_LEVEL, not the INFO a
# server sets for corpusbot's own records.
LIBRARY_LOGGER_NAME = "slack_bolt.corpusbot"

# Records that carry a body: how they start, and where their body begins.
_BODY_CARRYING = (
    ("Invalid request signature detected", " ("),
    ("Unhandled request", " ("),
    ("A global middleware", " for the request ("),
)
BODY_NOT_LOGGED = "(request body not logged)"


class LibraryLogPolicy(logging.Filter):
    """The one place that decides which slack-bolt and slack_sdk records reach the log.

    * DEBUG records are dropped: they are dumps of requests, responses and messages.
    * A record that carries a request body keeps its first words and loses the body.
    * bolt reads ``SLACK_BOT_TOKEN`` from the environment by itself (even with
      ``token=None``) and then warns it is unused because a ``client`` is given: that
      client carries the very same token. Dropped.
    * slack_sdk logs "Failed to retrieve WSS URL" over several lines and raises the same
      error, which is reported once, in one line, where it is caught. Dropped.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG:
            return False
        message = str(record.msg)
        if message == warning_client_prioritized_and_token_skipped():
            return False
        if message.startswith("Failed to retrieve WSS URL"):
            return False
        for start, body_begins in _BODY_CARRYING:
            if message.startswith(start):
                record.msg = f"{message.split(body_begins, 1)[0]} {BODY_NOT_LOGGED}"
                record.args = None
                break
        return True


def _library_logger() -> logging.Logger:
    logger = logging.getLogger(LIBRARY_LOGGER_NAME)
    if not any(isinstance(f, LibraryLogPolicy) for f in logger.filters):
        logger.addFilter(LibraryLogPolicy())
    return logger


LIBRARY_LOGGER = _library_logger()
