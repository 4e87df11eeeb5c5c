"""Discord end to end with the real core: gateway mention and /ask → real model and index → embeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import AnswerService
from bot.render_discord import inert, one_line

try:
    from tests.fakes import fake_discord as fd
    from tests.test_discord_gateway import assert_no_pings, embeds_of, run, running
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_discord as fd  # type: ignore[no-redef]
    from test_discord_gateway import (  # type: ignore[no-redef]
        assert_no_pings,
        embeds_of,
        run,
        running,
    )

pytestmark = pytest.mark.timeout(180)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_mention_and_ask_answered_by_the_real_core(seed_service: AnswerService) -> None:
    question = "how many died?"
    answer = seed_service.ask(question)
    assert answer.answered and answer.snippets
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))

    async def scenario() -> None:
        async with running(seed_service.ask, discord_guild_id=fd.GUILD_ID) as (_client, fake):
            asked = await fake.send_mention(question)
            interaction = await fake.send_interaction(question)
            await fake.wait_until(
                lambda: fake.replies_to(asked["id"]) and fake.followups(interaction["token"]),
                timeout=120,
                what="both answers",
            )
            for posts in (fake.replies_to(asked["id"]), fake.followups(interaction["token"])):
                assert all(c.status == 200 and not c.errors for c in posts)
                assert_no_pings(posts)
                embeds = [e for c in posts for e in embeds_of(c)]
                descriptions = "\n".join(e.get("description", "") for e in embeds)
                titles = [e.get("title", "") for e in embeds]
                for snippet in answer.snippets:
                    # A verbatim passage of a seed document, shown under its document's title.
                    assert snippet.quote in corpus
                    shown = inert(one_line(snippet.quote))[:80]
                    assert shown in descriptions, shown
                    assert inert(one_line(snippet.title))[:80] in " ".join(titles)

    run(scenario)
