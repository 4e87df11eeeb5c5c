"""Every sentence the bot says to a person, in one place: notices, help, feedback replies."""

from __future__ import annotations

# --- answers ------------------------------------------------------------------------------

NOTHING_FOUND_MESSAGE = "Nothing in the corpus about that."


def no_count(thing: str) -> str:
    """The answer to "how many lynx …?" when the corpus names lynx but counts none."""
    return f"The corpus mentions {thing} but gives no number of them."


def no_rate(period: str) -> str:
    """The answer to "how much … per month?" when no figure of the corpus is per month."""
    return f"The corpus gives no figure per {period} for that."


def no_reading(reading: str) -> str:
    """The answer to "what was the temperature …?" when no figure of the corpus is one."""
    return f"The corpus gives no {reading} for that."


def default_summary(quotes: int) -> str:
    """The summary line of an answer that came without one."""
    return f"Here is what the corpus says ({quotes} quote{'s' * (quotes != 1)})."


def more_values(hidden: int) -> str:
    """The words after "…" that count the values of a figure group that are not shown."""
    return f"and {hidden} more value{'s' * (hidden != 1)}"


def more_sources(hidden: int) -> str:
    """The words that count the sources of a value that are not named."""
    return f"… and {hidden} more"


def not_shown(groups: int, quotes: int) -> str:
    """ "… and 2 more figure groups and 1 more quote not shown." or "" when nothing was left out."""
    more = []
    if groups:
        more.append(f"{groups} more figure group{'s' * (groups != 1)}")
    if quotes:
        more.append(f"{quotes} more quote{'s' * (quotes != 1)}")
    return ("… and " + " and ".join(more) + " not shown.") if more else ""


# How a figure group's status reads.
STATUS_WORDS = {"differ": "reports differ", "agree": "reports agree"}
NOT_COMPARED = "of different events"  # a catch-all group: "Other dates — of different events"
SOURCES_DIFFER = "The sources give different values."
SOURCES_AGREE = "The sources agree."
SOURCES_NOT_COMPARED = "Values of different events, not compared."
SOURCE_NOT_NAMED = "source not named"

# --- the chat gate ------------------------------------------------------------------------

RATE_LIMITED_MESSAGE = (
    "You're asking faster than I can keep up with — please wait about {seconds} seconds "
    "and ask again."
)
APOLOGY_MESSAGE = "Sorry — something went wrong while answering. Please try again in a moment."
NOT_HERE_MESSAGE = "I'm not enabled in this channel."

# --- Slack --------------------------------------------------------------------------------

SLACK_HELP_MESSAGE = (
    "Ask me a question about the corpus, e.g. `@corpusbot how many died?`, "
    "or use `/ask how many died?`."
)
EXPIRED_MESSAGE = "That answer has expired — please ask again."
SLACK_REASON_PROMPT = "Sorry it missed. What was wrong? (optional, one line; press Enter to send)"

# --- Discord ------------------------------------------------------------------------------

DISCORD_HELP_MESSAGE = (
    "Ask me a question about the corpus: mention me with it (`@corpusbot how many died?`), "
    "send it to me in a direct message, or use `/ask`."
)
ROLE_MENTION_MESSAGE = (
    "I couldn't read that question. Mention me by name (not my role) or use `/ask`."
)
ASK_DESCRIPTION = "Ask the corpus a question; the answer quotes its sources."
DISCORD_REASON_PROMPT = "Sorry it missed. Want to say what was wrong? (optional)"
DISCORD_REASON_TITLE = "What was wrong with the answer?"

# --- feedback -----------------------------------------------------------------------------

REFUSED_MESSAGE = "Sorry, your vote could not be recorded just now. The answer is unaffected."
UNKNOWN_ANSWER_MESSAGE = "That answer is no longer known, so the vote was not recorded."
THANKS_MESSAGE = "Thanks, noted."
