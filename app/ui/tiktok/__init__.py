"""The creator's TikTok LIVE in the console: its state in the session bar, the Settings row
("My TikTok LIVE: @username", the signing key in the keyring), and starting the bridge on the
embedded backend (app/server/tiktok)."""
