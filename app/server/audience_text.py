"""What the simulated audience says: viewer names, chat lines, questions and inquiry texts."""

from __future__ import annotations

import random

from app.protocol.payloads import CreatorProfile, Service

_ONSETS = ["", "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "j"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ia", "y"]
_CODAS = ["", "", "", "n", "r", "l", "s", "x", "m", "k"]
_STYLES = ("{n}", "{n}", "{N}", "{n}_{d}", "{n}.{w}", "{N}{d}", "the.{n}", "{n}{x}", "xo{n}xo")
_WORDS = ("live", "art", "music", "fit", "games", "cooks", "vibes", "daily", "mua", "tv")
_FLAIR = (" ✨", " 🌸", " 🎧", " 🐾", "_", "__", "x")
# Random syllables can spell rude words; a handle containing one of these is drawn again.
_UNFIT = ("ass", "cum", "dik", "fag", "fuk", "jiz", "kum", "nig", "porn", "rape", "sex", "shit",
          "slut", "tit", "vulv", "puss", "nazi", "anal", "kil", "die")  # fmt: skip


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def viewer_names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct, pronounceable handles built from syllables."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        stem = "".join(_syllable(rng) for _ in range(rng.choice((2, 2, 3))))
        if len(stem) < 3 or any(word in stem for word in _UNFIT):
            continue
        name = rng.choice(_STYLES).format(
            n=stem,
            N=stem.capitalize(),
            d=rng.randint(1, 99),
            w=rng.choice(_WORDS),
            x=rng.choice(_FLAIR),
        )
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


_GREETINGS = (
    "hiii",
    "hello from {place}!",
    "just got here, what did I miss?",
    "good evening everyone",
    "hey hey 👋",
    "first time catching you live!",
    "back again 😄",
    "morning from {place} ☀️",
    "yo chat",
    "hi {creator}!!",
)
_REACTIONS = (
    "LOL",
    "😂😂😂",
    "no way",
    "that was so smooth",
    "🔥🔥",
    "love this",
    "ok that's actually impressive",
    "wait do that again",
    "hahaha",
    "❤️",
    "🥹",
    "this song is a vibe",
    "W",
    "clip that!",
    "my cat is watching too 🐈",
    "the lighting looks great today",
    "👏👏👏",
    "so wholesome",
    "chat is moving fast tonight",
    "can't stop smiling",
)
_QUESTIONS = (
    "what mic do you use?",
    "how long have you been streaming?",
    "are you doing a stream tomorrow?",
    "what's the song called?",
    "where did you get that lamp?",
    "how many hours do you practise a day?",
    "favourite snack while streaming?",
    "is this a new setup?",
    "any tips for beginners?",
    "what time is it there?",
)
_GIFT_CHAT = (
    "roses for you 🌹",
    "that lion!! 🦁",
    "tap tap tap 🫰",
    "sending love 💗",
    "gg!",
    "thank you for the shoutout!",
)
_SPAM = (
    "follow me for follow back",
    "FREE COINS at totally-legit-coins dot example",
    "check my profile!!!",
)
_MARKUP = (
    "<b>hi</b>",
    "<img src=x onerror=alert(1)>",
    '<a href="http://example.invalid">click me</a>',
    "&lt;3 &amp; &#x1F600;",
    "<i>italic?</i> <u>underline?</u>",
    "<span style='font-size:80px'>BIG</span>",
    "\u202eevil reversed text",
)
_PLACES = ("Lisbon", "Manila", "Texas", "Berlin", "Lagos", "São Paulo", "Toronto", "Leeds", "Osaka")
_LONG = (
    "ok long message incoming: I have been watching since the very first streams and it is "
    "amazing to see how far this has come, the setup, the music, the community, everything. "
    "thank you for making my evenings better, seriously. also hi to everyone in chat who is "
    "always here at this time, you know who you are 💛"
)

_MEMBER_LINES = (
    "so glad this room exists, the public chat is chaos 😅",
    "hi from the Below Room!",
    "did you see my question earlier?",
    "best membership I pay for tbh",
    "how was your week?",
    "thanks for reading our messages ❤️",
    "renewed again, worth it",
    "quiet in here, I like it",
    "loved the last stream's ending",
    "will you do a members-only stream soon?",
)
_ON_CAMERA = (
    "how did you get started with streaming?",
    "what's the hardest part of going live every day?",
    "what are you working on next?",
    "which song should I learn first on guitar?",
    "what's one thing you wish you knew a year ago?",
    "how do you deal with nerves before a show?",
    "can you say hi to my sister, it's her birthday?",
    "what's your setup for sound?",
    "would you ever do an in-person meetup?",
)

_INQUIRY_TEXTS = {
    "consulting": (
        "Hi! I'm interested in {title}. Are you available next week?",
        "Could you tell me more about {title}? I'm just starting out.",
        "Hello, how do I book {title}? Evening slots would be best for me.",
    ),
    "skill_training": (
        "I'd love to book {title}. I'm a complete beginner, is that ok?",
        "Do you offer {title} for two people together?",
        "Hi, is {title} still available this month? What do I need to prepare?",
    ),
    "local_service": (
        "Hi! Do you offer {title} in my area? I'm close to the city centre.",
        "Can I book {title} for a Saturday?",
    ),
    "shop_offer": (
        "Is {title} still in stock? I'd like two.",
        "Do you ship {title} abroad?",
        "Hi, can I get {title} as a gift for a friend?",
    ),
}
_FOLLOW_UPS = (
    "Any update on this? No rush!",
    "Also, do you take PayPal?",
    "Thanks! Tuesday or Thursday would both work for me.",
    "Sorry, one more question: how long does it take?",
)


def public_line(rng: random.Random, creator: str) -> str:
    roll = rng.random()
    if roll < 0.004:
        return rng.choice(_MARKUP)
    if roll < 0.006:
        return _LONG
    if roll < 0.012:
        return rng.choice(_SPAM)
    if roll < 0.20:
        line = rng.choice(_GREETINGS)
    elif roll < 0.30:
        line = rng.choice(_QUESTIONS)
    elif roll < 0.36:
        line = rng.choice(_GIFT_CHAT)
    else:
        line = rng.choice(_REACTIONS)
        if rng.random() < 0.15:
            line += " " + rng.choice(("😂", "🔥", "❤️", "!!", "✨", "🙌"))
    return line.format(place=rng.choice(_PLACES), creator=creator)


# Before the live: the early crowd waits, greets, and asks when it starts.
_WAITING = (
    "is it starting soon?",
    "waiting for {creator} 👀",
    "early today!",
    "hi everyone, first one here?",
    "when does the stream start?",
    "hello from {place} 👋",
    "can't wait",
    "saved a seat for my friend lol",
    "what are we doing today?",
    "{creator} are you live yet?",
    "is the sound going to be fixed from last time?",
    "tea ready, waiting ☕",
)


def waiting_line(rng: random.Random, creator: str) -> str:
    """A public chat line before the creator goes live."""
    if rng.random() < 0.3:
        return public_line(rng, creator)
    return rng.choice(_WAITING).format(place=rng.choice(_PLACES), creator=creator)


def below_line(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return "Can you answer on camera: " + rng.choice(_ON_CAMERA)
    return rng.choice(_MEMBER_LINES)


def inquiry_text(rng: random.Random, service: Service) -> str:
    return rng.choice(_INQUIRY_TEXTS[service.category]).format(title=service.title)


def follow_up_text(rng: random.Random) -> str:
    return rng.choice(_FOLLOW_UPS)


DEMO_SERVICES: tuple[Service, ...] = (
    Service(
        id="demo-guitar-lesson",
        title="1:1 guitar lesson (online)",
        category="skill_training",
        description="Beginner to intermediate; chords, rhythm, your favourite songs.",
        price_cents=3500,
        duration_min=45,
        license_free_confirmed=True,
    ),
    Service(
        id="demo-setup-review",
        title="Stream setup review",
        category="consulting",
        description="I look at your camera, light and sound and send you a short plan.",
        price_cents=5000,
        duration_min=30,
        license_free_confirmed=True,
    ),
    Service(
        id="demo-signed-print",
        title="Signed setlist print",
        category="shop_offer",
        description="A4 print of tonight's setlist, signed.",
        price_cents=2000,
        license_free_confirmed=True,
    ),
)

# The demo creator is eligible for Service+: 18+ (their own declaration), 12,400 followers
# (what the platform would report), and a note on how they can show competence.
DEMO_PROFILE = CreatorProfile(
    followers=12_400,
    adult_confirmed=True,
    competence_note="Guitar teacher since 2015; streaming setup shown in my videos.",
)
