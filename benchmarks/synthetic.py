"""Synthetic data in the project's YAML format, sized by approximate triples, for the build benchmarks.

    from synthetic import write_yaml
    write_yaml(Path("/tmp/data"), 1_000_000, seed=1)   # about 10⁶ triples in the built graph

The folder holds what data/ holds, at scale: sources (news articles and official pages, with dates or date
bounds), places, organisations (ministries and governments of real countries, a few intergovernmental
bodies), posts, people with one or two positions (dates, bounds), events of every common kind with 2 to 30
participants (people in their posts, organisations, countries; roles that fit the kind), dates of every
precision, and documents signed at signing events. Countries are the ids of data/reference/countries.ttl.
Everything is valid: ``kg validate --data FOLDER`` passes. The same seed gives the same files.

Records go into files of at most ``CHUNK`` records each (events-0001.yaml, …), written as text: PyYAML's
emitter would take longer than the build.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES_FILE = ROOT / "data" / "reference" / "countries.ttl"
CHUNK = 5000
# Union triples per event with its share of people, sources, documents… (measured: 64 at 10k and 100k).
TRIPLES_PER_EVENT = 64

FIRST = "Amir Aziz Bahrom Dilnoza Elnur Farida Gulnara Ilham Jahongir Kamila Leyla Murad Nargiz Orxan Rustam"
FIRST += " Sabina Timur Ulugbek Vusal Zarina Anna Boris Clara David Elena Farid Hana Ivan Jana Karim Lena"
LAST = "Aliyev Babayev Karimov Musayev Nazarov Orujov Rahimov Safarov Tursunov Usmonov Valiyev Yusupov"
LAST += " Zeynalov Hasanov Ibragimov Jafarov Mammadov Nurmatov Qodirov Sharipov Petrov Novak Weber Dubois"
CITY = "Arkon Belvar Corin Dastra Elmar Fenwick Galor Harran Istra Jorvik Kessel Lumen Morva Norvik Osten"
CITY += " Pelar Quorin Rasta Selvar Tamsin Ulmar Varos Wendel Yarrow Zemun"
TOPICS = ("trade", "energy", "transport", "education", "security", "culture", "health", "labour", "investment")
SECTORS = (*TOPICS, "digital", "tourism", "agriculture", "environment", "migration", "youth", "science")
LANGUAGES = ("en", "az", "ru", "uz")
PUBLISHERS = ("AZERTAC", "Trend", "Report.az", "Daryo", "Gazeta.uz", "Kun.uz", "news.az", "APA", "UzA")
# Event kinds with the roles of their two sides (the rest take part as participants) and a share.
KINDS: list[tuple[str, tuple[str, str], float]] = [
    ("meeting", ("participant", "participant"), 0.30),
    ("state-visit", ("visitor", "host"), 0.07),
    ("official-visit", ("visitor", "host"), 0.08),
    ("working-visit", ("visitor", "host"), 0.10),
    ("visit", ("guest", "host"), 0.05),
    ("summit", ("chair", "participant"), 0.06),
    ("conference", ("chair", "speaker"), 0.08),
    ("session", ("chair", "participant"), 0.06),
    ("business-forum", ("organiser", "speaker"), 0.05),
    ("signing", ("signatory", "signatory"), 0.10),
    ("statement", ("speaker", "participant"), 0.05),
]
ROLES_OTHERS = ("participant", "participant", "participant", "accompanying", "delegation-head", "speaker")
DOCUMENT_KINDS = ("agreement", "memorandum-of-understanding", "treaty", "protocol", "joint-statement", "action-plan")


def country_ids(path: Path = COUNTRIES_FILE) -> list[str]:
    """The alpha-3 codes of the countries of data/reference/countries.ttl, in file order."""
    return re.findall(r"<https://w3id\.org/diplomatic-kg/id/country/([A-Z]{3})> a dkg:Country", path.read_text())


def _q(text: str) -> str:
    """A YAML double-quoted scalar (our texts hold no quote or backslash)."""
    return f'"{text}"'


def _day(rng: random.Random, first: int, last: int) -> tuple[int, int, int]:
    return rng.randint(first, last), rng.randint(1, 12), rng.randint(1, 28)


def _fmt(y: int, m: int, d: int, precision: int) -> str:
    return f"{y:04d}" if precision == 1 else f"{y:04d}-{m:02d}" if precision == 2 else f"{y:04d}-{m:02d}-{d:02d}"


@dataclass
class Person:
    id: str
    country: str
    post: str  # the post held from 2014 on, open-ended: every event falls in it


@dataclass
class World:
    """What records may refer to, filled as the sections are written."""

    countries: list[str]
    sources: list[str] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (id, country)
    organisations: list[tuple[str, str]] = field(default_factory=list)
    posts: list[tuple[str, str]] = field(default_factory=list)  # (id, country)
    people: list[Person] = field(default_factory=list)
    signings: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # id, date, countries, people


class _Writer:
    """Writes one section in files of CHUNK records."""

    def __init__(self, folder: Path, section: str) -> None:
        self.folder, self.section = folder, section
        self.count, self.files, self.parts = 0, 0, list[str]()

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.count += 1
        if len(self.parts) == CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.files += 1
            name = self.folder / f"{self.section}-{self.files:04d}.yaml"
            name.write_text(f"{self.section}:\n" + "".join(self.parts), encoding="utf-8")
            self.parts = []


def _sources_of(rng: random.Random, world: World, n: int = 0) -> str:
    picks = rng.sample(world.sources, n or rng.choice((1, 1, 2, 2, 3)))
    lines = []
    for i, src in enumerate(picks):
        if i and rng.random() < 0.2:
            lines.append(f"      - {{id: {src}, speaks: in-passing}}\n")
        else:
            lines.append(f"      - {src}\n")
    return "    sources:\n" + "".join(lines)


def _sources(out: _Writer, rng: random.Random, world: World, n: int) -> None:
    for i in range(n):
        ident = f"src-{i:07d}"
        lang = rng.choice(LANGUAGES)
        publisher = rng.choice(PUBLISHERS)
        y, m, d = _day(rng, 2015, 2025)
        kind = "news-article" if rng.random() < 0.8 else "official-page"
        text = f"  - id: {ident}\n    kind: {kind}\n    url: https://news.example.org/{lang}/{y}/{m:02d}/{ident}\n"
        text += f"    publisher: {_q(publisher)}\n    language: {lang}\n"
        text += f"    title: {_q(f'{rng.choice(LAST)} on {rng.choice(TOPICS)} cooperation, report {i}')}\n"
        if rng.random() < 0.9:
            text += f"    published: {_fmt(y, m, d, 3)}\n"
        else:  # the date is not printed: bounds
            text += f"    published_earliest: {_fmt(y, m, d, 2)}\n    published_latest: {_fmt(y + 1, m, d, 2)}\n"
        text += "    accessed: 2026-11-25\n"
        text += f"    summary: {_q(f'Reports talks on {rng.choice(TOPICS)} between officials of two states.')}\n"
        out.add(text)
        world.sources.append(ident)


def _places(out: _Writer, rng: random.Random, world: World, n: int) -> None:
    for i in range(n):
        ident, country = f"place-{i:06d}", rng.choice(world.countries)
        name = f"{rng.choice(CITY)} {i}"
        text = f"  - id: {ident}\n    kind: {'city' if rng.random() < 0.8 else 'place'}\n"
        text += f"    name: {{en: {_q(name)}, ru: {_q(name + ' (ru)')}}}\n    country: {country}\n"
        if rng.random() < 0.3:
            text += f"    wikidata: Q{rng.randint(1000, 9_999_999)}\n"
        out.add(text + _sources_of(rng, world))
        world.places.append((ident, country))


def _organisations(out: _Writer, posts: _Writer, rng: random.Random, world: World, n: int) -> None:
    """Ministries and governments of countries, a few intergovernmental bodies; one or two posts each."""
    for i in range(n):
        ident = f"org-{i:06d}"
        country = rng.choice(world.countries)
        if rng.random() < 0.05:
            members = sorted(rng.sample(world.countries, rng.randint(3, 12)))
            text = f"  - id: {ident}\n    kind: intergovernmental-organisation\n"
            text += f"    name: {{en: {_q(f'Council of {rng.choice(CITY)} {i}')}}}\n"
            text += f"    countries: [{', '.join(members)}]\n"
        else:
            kind = rng.choice(("ministry", "ministry", "ministry", "agency", "government"))
            topic = rng.choice(TOPICS)
            en = (
                f"Ministry of {topic.title()} of {country}"
                if kind == "ministry"
                else f"{kind.title()} {i} of {country}"
            )
            text = f"  - id: {ident}\n    kind: {kind}\n    name: {{en: {_q(en)}, az: {_q(en + ' (az)')}}}\n"
            text += f"    alt:\n      en: [{_q(f'{topic.title()} Ministry {i}')}]\n    country: {country}\n"
            if world.organisations and rng.random() < 0.2:
                text += f"    part_of: {rng.choice(world.organisations)[0]}\n"
        if world.places and rng.random() < 0.3:
            text += f"    place: {rng.choice(world.places)[0]}\n"
        out.add(text + _sources_of(rng, world))
        world.organisations.append((ident, country))
        for j in range(rng.choice((1, 2))):
            post = f"post-{i:06d}-{j}"
            title = ("Minister", "Deputy Minister")[j] + f" at {ident}"
            posts.add(
                f"  - id: {post}\n    name: {{en: {_q(title)}}}\n    organisation: {ident}\n" + _sources_of(rng, world)
            )
            world.posts.append((post, country))


def _people(out: _Writer, rng: random.Random, world: World, n: int) -> None:
    for i in range(n):
        ident = f"person-{i:07d}"
        post, country = rng.choice(world.posts)
        first, last = rng.choice(FIRST.split()), rng.choice(LAST.split())
        text = f"  - id: {ident}\n    name: {{en: {_q(f'{first} {last} {i}')}, ru: {_q(f'{first} {last} {i} (ru)')}}}\n"
        if rng.random() < 0.3:
            text += f"    alt:\n      en: [{_q(f'{first[0]}. {last} {i}')}]\n"
        text += f"    country: {country}\n    positions:\n"
        src = rng.choice(world.sources)
        if rng.random() < 0.5:  # an earlier post, closed, dated by bounds
            earlier = rng.choice(world.posts)[0]
            y = rng.randint(2000, 2010)
            text += f"      - post: {earlier}\n        start_earliest: {y}\n        start_latest: {y + 1}-06\n"
            text += f"        end: {y + 3}-{rng.randint(1, 12):02d}\n        sources: [{src}]\n"
        start = _fmt(rng.randint(2010, 2014), rng.randint(1, 12), rng.randint(1, 28), rng.choice((1, 2, 3)))
        text += f"      - post: {post}\n        start: {start}\n        sources: [{src}]\n"
        out.add(text + _sources_of(rng, world))
        world.people.append(Person(ident, country, post))


def _event_dates(rng: random.Random) -> str:
    y, m, d = _day(rng, 2015, 2025)
    roll = rng.random()
    if roll < 0.65:
        return f"    date: {_fmt(y, m, d, 3)}\n"
    if roll < 0.85:
        return f"    start: {_fmt(y, m, d, 3)}\n    end: {_fmt(y, m, min(d + rng.randint(1, 3), 28), 3)}\n"
    if roll < 0.95:
        return f"    earliest: {_fmt(y, m, d, 2)}\n    latest: {_fmt(y, min(m + 2, 12), d, 2)}\n"
    return f"    start: {_fmt(y, m, d, 1)}\n"


def _participants(rng: random.Random, world: World, roles: tuple[str, str]) -> tuple[list[str], list[str], list[str]]:
    """Lines of 2–30 participants (mostly 2–4), the countries taking part and the people."""
    n = min(30, 2 + int(rng.expovariate(0.6))) if rng.random() < 0.9 else rng.randint(8, 30)
    lines, countries, people = [], set(), []
    seen: set[str] = set()
    while len(lines) < n:
        roll = rng.random()
        role = roles[len(lines)] if len(lines) < 2 else rng.choice(ROLES_OTHERS)
        if roll < 0.75:
            p = rng.choice(world.people)
            if p.id in seen:
                continue
            agent, country = p.id, p.country
            post = f", post: {p.post}" if rng.random() < 0.7 else ""
            people.append(p.id)
        elif roll < 0.92:
            agent, country = rng.choice(world.organisations)
            post = ""
        else:
            agent = country = rng.choice(world.countries)
            post = ""
        if agent in seen:
            continue
        seen.add(agent)
        countries.add(country)
        lines.append(f"      - {{agent: {agent}, role: {role}{post}}}\n")
    return lines, sorted(countries), people


def _events(out: _Writer, rng: random.Random, world: World, n: int) -> None:
    weights = [w for _, _, w in KINDS]
    for i in range(n):
        ident = f"event-{i:07d}"
        kind, roles, _ = rng.choices(KINDS, weights)[0]
        lines, countries, people = _participants(rng, world, roles)
        text = f"  - id: {ident}\n    kind: {kind}\n"
        mode = rng.choice(("in-person", "in-person", "in-person", "video", "phone")) if kind == "meeting" else None
        if mode:
            text += f"    mode: {mode}\n"
        topic = rng.choice(TOPICS)
        title = f"{kind.replace('-', ' ').capitalize()} on {topic} {i}"
        text += f"    title:\n      en: {_q(title)}\n"
        if rng.random() < 0.4:
            text += f"      az: {_q(title + ' (az)')}\n"
        dates = _event_dates(rng)
        text += dates
        if mode in ("video", "phone"):
            text += "    online: true\n"
        elif world.places and rng.random() < 0.7:
            text += f"    place: {rng.choice(world.places)[0]}\n"
        elif rng.random() < 0.5:
            text += f"    place: {countries[0]}\n"
        if rng.random() < 0.05:
            text += f"    status: {rng.choice(('planned', 'postponed', 'cancelled'))}\n"
        text += f"    countries: [{', '.join(countries)}]\n    participants:\n" + "".join(lines)
        text += f"    sectors: [{', '.join(sorted(set(rng.sample(SECTORS, rng.randint(1, 3)))))}]\n"
        if i and rng.random() < 0.1:
            text += f"    part_of: event-{rng.randrange(i):07d}\n"
        if kind == "signing" and people and "date:" in dates:
            world.signings.append((ident, dates.split()[-1], countries, people))
        out.add(text + _sources_of(rng, world))


def _documents(out: _Writer, rng: random.Random, world: World) -> None:
    for i, (event, date, countries, people) in enumerate(world.signings):
        ident = f"doc-{i:06d}"
        kind = rng.choice(DOCUMENT_KINDS)
        text = f"  - id: {ident}\n    kind: {kind}\n"
        title = f"{kind.replace('-', ' ').capitalize()} {i} of {' and '.join(countries[:3])}"
        text += f"    title: {{en: {_q(title)}}}\n"
        text += f"    parties: [{', '.join(countries)}]\n    signatories: [{', '.join(people)}]\n"
        text += f"    date: {date}\n    signing_event: {event}\n"
        if i and rng.random() < 0.1:
            text += f"    amends: [doc-{rng.randrange(i):06d}]\n"
        out.add(text + _sources_of(rng, world))


def write_yaml(folder: Path, target_triples: int, seed: int) -> dict[str, int]:
    """Write a valid synthetic dataset of about ``target_triples`` triples (the built graph's union, the
    ontology and countries left out) into ``folder``; return the number of records per section."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    world = World(country_ids())
    events = max(20, target_triples // TRIPLES_PER_EVENT)
    writers = {s: _Writer(folder, s) for s in ("sources", "places", "organisations", "posts", "people", "events")}
    writers["documents"] = _Writer(folder, "documents")
    _sources(writers["sources"], rng, world, max(10, events // 3))
    _places(writers["places"], rng, world, max(5, events // 40))
    _organisations(writers["organisations"], writers["posts"], rng, world, max(5, events // 25))
    _people(writers["people"], rng, world, max(10, events // 4))
    _events(writers["events"], rng, world, events)
    _documents(writers["documents"], rng, world)
    for w in writers.values():
        w.flush()
    return {s: w.count for s, w in writers.items()}
