"""Feeds: subscriptions, fetching and the articles they bring in (no Textual here).

- `subscriptions`: the store of one collection's feeds and fetch state
  (`feeds.sqlite` in the collection's user data folder, never inside `index/`).
- `lists`: subscription lists in and out: OPML, and newsboat's `urls` file.
- `net`: polite HTTP (timeouts, size caps, conditional requests, retries, a
  small per-host limit).
- `parse`: feed bytes to entries with feedparser; `extract`: the article text of
  a linked page (trafilatura) or of the feed's own content.
- `writer`: one `.md` file per article under `articles/feeds/<feed>/`, the only
  place reader writes into the articles folder.
- `fetch`: all of it for every feed, one bad feed never stopping the others.
- `cli`: the `reader feeds ...` and `reader fetch` commands.
"""
