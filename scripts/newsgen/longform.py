"""Long features (5,000-30,000 words): a central cast that recurs through many
sections, each section built from a modern story kind around it."""

from __future__ import annotations

import random
from datetime import date, datetime, time

from . import common as C, modern as M
from .engine import Ent, Story
from .world import World

FEATURE_TITLES = [
    "The Long Bet: How {c.short} Remade {town.full}",
    "After the Boom: {town.full} and the Price of Progress",
    "Inside {c.short}'s Decade of Reinvention",
    "The Town That {c.short} Built",
    "Power, Money and a Small Town in {state.full}",
    "What Happened When {c.short} Came to {town.full}",
]

SECTION_HEADS = [
    "The arrival",
    "Early days",
    "A company town",
    "The money",
    "Washington takes notice",
    "The workers",
    "Rivals circle",
    "Abroad",
    "A reckoning",
    "The numbers",
    "Family business",
    "The deal",
    "Night shift",
    "The regulators",
    "What the town lost",
    "What the town gained",
    "The view from {cap}",
    "Second thoughts",
    "The next generation",
    "A new plan",
    "Epilogue",
]

SCENES = [
    "{p} still remembers the morning in {month} {yr} when the first trucks rolled into {town.full}.",
    "On a gray afternoon, {p.short} walked the length of the old rail yard, pointing out where the {c.short} buildings now stand.",
    '"Nobody here had heard of {c.short} before," {p.short} said. "Now everybody\'s cousin works there."',
    "{p.short}'s father worked for thirty years at a mill that closed in {yr0}; {p.short} swore never to work in a factory.",
    "{o}, who was mayor at the time, said the town council voted for the project after a single evening of debate.",
    "The {c.short} campus sits on {acres} acres off the state highway, behind a fence lined with young maples.",
    "In interviews with more than {n} current and former employees, a picture emerged of a company that moved fast and expected the same of everyone.",
    "{ceo}, {c.short}'s chief executive, declined to be interviewed for this article but answered written questions.",
    'In a written response, {ceo.short} said the company was "proud of what we\'ve built with the people of {town.full}."',
    "{p.short} and {p2.short} met on the assembly line in {yr}; they married two years later.",
    "By {yr2}, {c.short} accounted for nearly a third of the tax base of {county}.",
    "Not everyone was convinced. {p2}, who owns a hardware store on the main street, said rents doubled within a year.",
    '"I\'m not against progress," {p2.short} said. "I\'m against being told it\'s free."',
    "At the high school, enrollment rose for the first time in two decades, said {o2}, the principal.",
    "The company's rise tracked a broader shift in the {region}, where dozens of towns competed for new plants.",
    '{ana}, an economist at {uni}, has studied {town.full} for years. "It\'s a natural experiment," {ana.short} said.',
    "{ana.short}'s research found that wages in the county rose faster than the state average after {c.short} arrived.",
    "Back at the yard, {p.short} stopped and looked at the water tower, freshly painted with the {c.short} logo.",
    "Documents reviewed for this article show that {c.short} negotiated the tax deal over several months with officials in {state.full}.",
    'Governor {gov} called the agreement "a model for the rest of the country."',
    "Former employees described long shifts and a culture of constant measurement. Several asked not to be named.",
    '"You either loved it or you left," said {p3}, who worked in quality control for four years.',
    "{p3.short} left in {yr2} and now drives a truck for {c2}.",
    "The company disputes that account, saying turnover is lower than the industry average.",
    "Over coffee at the diner by the {route} exit, {p.short} and {p2.short} argued, as they often do, about what the town owes {c.short} and what {c.short} owes the town.",
    "When {c.short} announced its expansion, {p.short} was among the first to apply.",
    "{p.short} was promoted to shift supervisor in {yr2} and now manages {crew} people.",
    "In {cap}, officials watched the experiment closely; several visited {town.full} on fact-finding trips.",
    "The story of {town.full} is, in many ways, the story of the {region} over the past decade.",
]


def story(rng: random.Random, w: World, index: int) -> Story:
    s = Story(rng, w, "long")
    d = C.weekday_between(rng, date(2019, 1, 7), date(2025, 6, 27))
    src, domain = rng.choice(w.sources)
    s.meta.update(source=src, domain=domain)
    c = w.company(rng, sector=rng.choice(["industrial", "energy", "tech", "transport"]))
    town = rng.choice(w.towns)
    state = town.attrs["state"]
    p, p2, p3 = w.minor(rng), w.minor(rng), w.minor(rng)
    cast = dict(
        c=c,
        town=town,
        state=state,
        p=p,
        p2=p2,
        p3=p3,
        pr=rng.choice(["he", "she"]),
        o=w.mayors[town.key],
        o2=w.minor(rng),
        ceo=c.attrs["ceo"],
        gov=w.governors[state.key],
        ana=rng.choice(w.professors)[0],
        uni=rng.choice(w.universities),
        c2=w.company(rng),
        region=rng.choice(
            [w.regions["Midwestern_United_States"], w.regions["Gulf_Coast_of_the_United_States"]]
        ),
        cap=w.washington,
        county=Ent(
            f"{town.forms['full'].split()[0]}_County,_{state.key}",
            "GPE",
            {"full": f"{town.forms['full'].split()[0]} County"},
            later=("full",),
        ),
    )
    s.set_title(rng.choice(FEATURE_TITLES), **cast)
    title = list(s.title)
    target = int(min(29000, max(5400, rng.lognormvariate(9.4, 0.5))))
    heads = list(SECTION_HEADS)
    rng.shuffle(heads)
    scenes = list(SCENES)
    while s.words() < target:
        if not heads:
            heads = [h + " (continued)" for h in SECTION_HEADS]
            rng.shuffle(heads)
        s.heading(heads.pop(), **cast)
        # a scene or two with the central cast
        if not scenes:
            scenes = list(SCENES)
        rng.shuffle(scenes)
        for _ in range(rng.randint(2, 5)):
            if not scenes:
                break
            s.para()
            cast.update(
                month=rng.choice(C.MONTHS),
                yr=rng.randint(2008, 2016),
                yr0=rng.randint(1985, 2005),
                yr2=rng.randint(2017, 2023),
                acres=rng.randint(80, 900),
                n=rng.randint(20, 90),
                route=rng.randint(9, 220),
                crew=rng.randint(12, 140),
            )
            s.say(scenes.pop(), **cast)
        # then a reported section from one of the modern kinds, often about the same company
        kind = rng.choices([k for k, _ in M.KINDS], weights=[wt for _, wt in M.KINDS])[0]
        plan = kind(s, w, d)
        slots = plan["slots"]
        if (
            rng.random() < 0.6
            and slots.get("c") is not None
            and kind in (M.earnings, M.labor, M.cyber, M.regulation, M.local_plant)
        ):
            # most reported sections come back to the feature's company and town
            slots.update(c=c, ceo=c.attrs["ceo"], cfo=c.attrs["cfo"], sp=c.attrs["spokes"])
            if kind in (M.local_plant, M.labor):
                slots.update(
                    town=M.us_place(s, town),
                    town_e=town,
                    state=state,
                    gov=w.governors[state.key],
                    mayor=w.mayors[town.key],
                )
        section = Story(rng, w, "long")
        section.seen = s.seen  # names already introduced stay introduced
        section.meta = s.meta
        M.fill(section, plan, rng.randint(500, 1600), dateline_p=0.0)
        s.paras.extend(section.paras)
    s.title = title
    M.finish_quotes(s)
    s.meta.update(
        date=d,
        datetime=datetime.combine(d, time(rng.randint(5, 9), rng.randrange(60))),
        kind="feature",
        tags=["features", "longform"],
        authors=[rng.choice(w.reporters).forms["full"] for _ in range(rng.choice([1, 2, 2, 3]))],
        url=f"https://www.{domain}/features/{d:%Y/%m/%d}/{C.slug(''.join(x.text for x in title))}",
    )
    return s
