"""Slack end to end with the real core: signed HTTP event → real model and index → thread reply."""

from __future__ import annotations

import json

from bot.core import AnswerService

try:
    from tests.fakes import fake_slack as fs
    from tests.test_slack_http import FakeCore, running, send_event
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from fakes import fake_slack as fs  # type: ignore[no-redef]
    from test_slack_http import FakeCore, running, send_event  # type: ignore[no-redef]


def test_mention_answered_by_the_real_core(seed_service: AnswerService) -> None:
    fake = fs.FakeSlack().start()
    try:
        with running(fake, FakeCore(answer=seed_service.ask)) as app:
            event = fs.mention("how many died?")
            status, _ = send_event(app, event)
            assert status == 200
            post = fake.wait_for("chat.postMessage", timeout=60)[0].params
    finally:
        fake.stop()
    assert post["thread_ts"] == event["ts"]
    rendered = json.dumps(post["blocks"], ensure_ascii=False)
    assert "600" in rendered
    # Every quoted passage is shown with the title of the report it comes from.
    answer = seed_service.ask("how many died?")
    assert answer.snippets
    for snippet in answer.snippets:
        assert snippet.title.replace("&", "&amp;").replace("<", "&lt;")[:40] in rendered
    assert post["text"]  # the notification fallback
