"""Short articles of our own wording for tests that need many of them."""

import random
from pathlib import Path

PLACES = ["Lyman", "Kupiansk", "Siversk", "Huliaipole", "Orikhiv", "Kostiantynivka", "Izium", "Balakliia"]
FORCES = ["Russian", "Ukrainian"]
VERBS = ["shelled", "attacked", "advanced towards", "withdrew from", "captured"]
PEOPLE = ["Oleksandr Syrskyi", "Valery Gerasimov", "Andriy Kovalenko", "Dmitry Peskov"]


def generated_articles(folder: Path, n: int, rng: random.Random) -> None:
    """Short articles of our own wording, varied enough to give different graphs."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place, other = rng.sample(PLACES, 2)
        text = (f"date: 2025-10-{1 + i % 28:02d}\ntitle: Report {i}\n\n"
                f"{rng.choice(FORCES)} forces {rng.choice(VERBS)} {place} on Tuesday, officials said. "
                f"{rng.choice(PEOPLE)} said fighting continued near {other} and that {rng.randint(2, 90)} "
                f"soldiers were killed in the attack.\n")
        (folder / f"gen_{i:03d}.txt").write_text(text, encoding="utf-8")
