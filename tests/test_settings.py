"""Settings: every one is documented in .env.example under the name the environment uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import AliasChoices

from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def _env_names() -> set[str]:
    names = set()
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names.add(str(alias.choices[0]))
        else:
            names.add(f"CORPUSBOT_{name.upper()}")
    return names


def test_env_example_documents_every_setting_and_only_those() -> None:
    text = (ROOT / ".env.example").read_text("utf-8")
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))
    assert documented == _env_names()


def test_env_example_values_are_valid_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / ".env.example").read_text("utf-8")
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", text, flags=re.MULTILINE))
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CORPUSBOT_ANN_THRESHOLD", "1234")  # proof that the names are read
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.ann_threshold == 1234
    assert settings.slack_api_url == values["SLACK_API_URL"]
    assert settings.milvus_uri == values["CORPUSBOT_MILVUS_URI"]


@pytest.mark.parametrize("value, level", [("debug", "DEBUG"), (" Info ", "INFO"), ("", "WARNING")])
def test_log_level_names_are_accepted_in_any_case(
    monkeypatch: pytest.MonkeyPatch, value: str, level: str
) -> None:
    monkeypatch.setenv("CORPUSBOT_LOG_LEVEL", value)
    assert Settings(_env_file=None).log_level == level  # type: ignore[call-arg]


SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-111-secret-bot",
    "SLACK_APP_TOKEN": "xapp-1-secret-app",
    "SLACK_SIGNING_SECRET": "secret-signing-value",
    "DISCORD_TOKEN": "secret.discord.token",
    "CORPUSBOT_MILVUS_TOKEN": "root:secret-milvus",
}


def test_no_secret_shows_in_a_repr_or_a_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    shown = " ".join([repr(settings), str(settings), settings.model_dump_json()])
    for value in SECRETS.values():
        assert value not in shown
    assert settings.slack_bot_token.get_secret_value() == SECRETS["SLACK_BOT_TOKEN"]
    assert settings.milvus_token.get_secret_value() == SECRETS["CORPUSBOT_MILVUS_TOKEN"]
    assert settings.slack_enabled and settings.discord_enabled
    assert not Settings(_env_file=None, slack_bot_token="").slack_enabled  # type: ignore[call-arg]
