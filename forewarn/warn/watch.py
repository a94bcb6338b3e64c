"""Watch feeds: poll, ingest new items, report new warnings (optionally to a webhook).

Each poll ingests every feed through ``forewarn.pipeline.ingest`` (articles already stored
are skipped, a bad or malformed feed is reported in the poll's errors and the others go
on), recomputes the current warnings and reports those not seen before (warnings current
when the watcher starts count as seen). A webhook gets one POST per new warning with the
JSON body of ``report.webhook_body``; a failure (network error or HTTP status >= 400) is
retried ``attempts`` times with exponential backoff (``backoff`` * 2**n seconds) and then
reported in the poll, never raised: the watcher goes on. ``sleep`` is injectable so tests
do not wait.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import httpx

from ..errors import InputError
from ..models import DyadWarning
from ..settings import Settings
from ..store import Store
from .detect import WarnSettings, compute_warnings
from .report import webhook_body

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollReport:
    """What one poll did."""

    poll: int                                   # 1-based
    seen: int
    added: int
    events: int
    errors: tuple[str, ...]                     # bad feeds, one message each
    new_warnings: tuple[DyadWarning, ...]
    webhook_errors: tuple[str, ...] = ()


def post_webhook(url: str, body: dict, *, client: httpx.Client, attempts: int = 4,
                 backoff: float = 1.0, timeout: float = 10.0,
                 sleep: Callable[[float], None] = time.sleep) -> str | None:
    """POST ``body`` as JSON, retrying with backoff; return None on success, else why it failed."""
    reason = "no attempt made"
    for attempt in range(attempts):
        try:
            response = client.post(url, json=body, timeout=timeout)
            if response.status_code < 400:
                return None
            reason = f"HTTP {response.status_code}"
        except httpx.HTTPError as e:
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        log.info("webhook %s failed (%s), attempt %d of %d", url, reason, attempt + 1, attempts)
        if attempt + 1 < attempts:
            sleep(backoff * 2 ** attempt)
    return f"webhook {url} failed after {attempts} attempts: {reason}"


def watch(feeds: Sequence[str], settings: Settings, *, store: Store, interval: float = 300.0,
          iterations: int | None = None, client: httpx.Client | None = None,
          webhook: str | None = None, warn_settings: WarnSettings | None = None,
          sleep: Callable[[float], None] = time.sleep, attempts: int = 4,
          backoff: float = 1.0) -> Iterator[PollReport]:
    """Poll ``feeds`` every ``interval`` seconds (``iterations`` times, or forever)."""
    from ..pipeline import ingest

    if not feeds:
        raise InputError("give at least one feed to watch (a URL or a file)")
    if interval < 0:
        raise InputError(f"the polling interval must not be negative, got {interval}")
    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise InputError(f"webhook {webhook!r} is not an http(s) URL")
    own = client is None
    client = client or httpx.Client()
    try:
        known = {w.warning_id for w in compute_warnings(store, settings=warn_settings, evidence=False)}
        poll = 0
        while iterations is None or poll < iterations:
            poll += 1
            summary = ingest(feeds, settings, store=store, client=client)
            current = compute_warnings(store, settings=warn_settings)
            new = tuple(w for w in current if w.warning_id not in known)
            known.update(w.warning_id for w in new)
            failures = []
            if webhook:
                for w in new:
                    failure = post_webhook(webhook, webhook_body(w), client=client, attempts=attempts,
                                           backoff=backoff, sleep=sleep)
                    if failure:
                        failures.append(failure)
            yield PollReport(poll=poll, seen=summary.seen, added=summary.added, events=summary.events,
                             errors=tuple(summary.errors), new_warnings=new,
                             webhook_errors=tuple(failures))
            if iterations is None or poll < iterations:
                sleep(interval)
    finally:
        if own:
            client.close()
