"""The TikTok LIVE platform bridge: a creator's real TikTok LIVE as a source of LiveDesk events.

- `library`: the one place that imports the TikTokLive package (pinned in pyproject.toml).
- `bridge`: decodes what TikTok sends through the library's own decoding path and applies it to
  the backend through its command and event path (comments, gifts, likes, follows, ...).
- `seen`: TikTok user ids → LiveDesk accounts, and TikTok message ids already applied, in
  `tiktok.db` beside the backend's databases (so a reconnect or restart never counts twice).
- `recording`: `--tiktok-record` / `--tiktok-replay`: the raw frames with their times.
- `connection`: connect by @username through the library, with states and backoff.
"""
