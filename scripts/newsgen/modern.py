"""Modern web news: business, technology and world stories.

A story is a headline, a lead, then "beats" (paragraphs of one to three
sentences) drawn without repetition from the kind's own beats and a shared
pool until the article reaches its target length. Per article: straight or
curly quotes, datelines or none, "City, State" places, possessives, demonyms,
acronyms defined in text, two people who share a first name now and then.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from . import common as C
from .engine import Ent, Seg, Story
from .world import Tpl, World, skewed


class Cast(dict):
    """The slots of one story: entities and values that templates name."""


# ------------------------------------------------------------------ helpers


def us_place(s: Story, place: Ent, state_form: str | None = None) -> list[Seg]:
    """'Dearborn, Mich.' / 'Austin, Texas': city and state as two mentions."""
    state = place.attrs.get("state")
    if state is None:
        return s.name(place, "full")
    form = state_form or s.rng.choice(["full", "full", "ap"])
    return s.name(place, "full") + [Seg(", ")] + s.name(state, form)


def dateline(s: Story, place: Ent) -> list[Seg]:
    rng = s.rng
    city = s.name(place, "full_up")
    state = place.attrs.get("state")
    source = Ent(s.meta["source"].replace(" ", "_"), "ORG", {"full": s.meta["source"]})
    dash = (
        [Seg(" — ")]
        if rng.random() < 0.5
        else [Seg(" - ")]
        if rng.random() < 0.4
        else [Seg(" (")] + s.name(source, "full") + [Seg(") — ")]
    )
    if state is not None and place.forms["full"] not in (
        "New York",
        "Washington",
        "Chicago",
        "Los Angeles",
    ):
        return city + [Seg(", ")] + s.name(state, rng.choice(["ap", "ap", "full"])) + dash
    return city + dash


def money(rng: random.Random, lo: float, hi: float, cur: str = "$") -> str:
    return C.money_modern(rng, lo, hi, cur)


def currency_for(country: str) -> str:
    return {
        "Japan": "¥",
        "United_Kingdom": "£",
        "Germany": "€",
        "France": "€",
        "Netherlands": "€",
        "Switzerland": "CHF ",
        "Italy": "€",
        "Spain": "€",
    }.get(country, "$")


def percent(rng: random.Random, lo: float, hi: float) -> str:
    x = rng.uniform(lo, hi)
    return rng.choice(
        [f"{x:.1f}%", f"{x:.1f}%", f"{x:.1f} percent", f"{x:.0f}%" if x >= 2 else f"{x:.1f}%"]
    )


# ------------------------------------------------------------------ shared beats

SHARED_BEATS = [
    "{an}, an analyst at {firm}, said in a note to clients that {c}'s {topic} {view}.",
    '"{quote_generic}," said {an}, who covers the sector for {firm}.',
    '{an} of {firm} said investors would be watching {c} closely in the coming months. "{quote_generic}," {an.short} said.',
    "Shares of {c} {move} {pc} in {ex} trading on {day}, {cmp} a {pc2} {idx_move} in the broader market.",
    "{c}'s stock has {ytd} {pc} so far this year.",
    "The company, which is based in {hq}, employs about {emp} people worldwide.",
    "{c} did not respond to a request for comment.",
    'A spokesperson for {c}, {sp}, said the company "{spoke}."',
    "{sp}, a spokesperson for {c}, declined to comment on {topic2}.",
    "Founded in {yr}, {c} makes {what} and sells them in more than {n} countries.",
    "The results come as {dem_pl} consumers {consumer_trend}.",
    "Competition has intensified as {rival} and other rivals {rival_move}.",
    "{rival}, one of {c}'s biggest competitors, reported {rival_result} last week.",
    "Economists at {bank} expect {cty}'s economy to grow {pc} this year, down from {pc2} last year.",
    "The {fed} has {fed_move}, and higher borrowing costs have weighed on {sector_word} companies.",
    "Supply chain problems that began during the pandemic have largely eased, {ceo.short} said, though shipping costs in the {sea} remain elevated.",
    "{ceo.short} has led {c} since {yr2}, when {ceo_prev} stepped down.",
    "In an interview, {ceo.short} said the company had no plans to {no_plan}.",
    'Some investors remain skeptical. "{skeptic_quote}," said {inv}, a portfolio manager at {firm2}.',
    "The {reg} has been examining {topic2} across the industry, according to people familiar with the matter.",
    "{c} is scheduled to hold its annual shareholder meeting in {month}.",
    "The company said {emp2} of its employees work in {cty}, where it operates {n2} plants.",
    "{ceo.short}'s comments echoed those of executives at {rival}, who warned of {risk} earlier this month.",
    "Labor costs remain a concern: the company settled a contract with the {union} last year.",
    "Over the past decade, {c} has spent more than {capex} on acquisitions, according to company filings.",
    '"We\'re not going to chase volume at any price," {cfo} said, noting that margins matter more to the board than market share.',
    "The board also approved a share buyback of up to {buyback}, the company said.",
    "Analysts polled by {firm} had expected revenue of {rev_exp}.",
]

SHARED_BEATS += [
    "{c.short} has been here before. In {yr3}, a similar slump forced the company to close {n2} plants and cut its dividend.",
    "The company's biggest customers include {cust} and {cust2}, according to its annual report.",
    '"{quote_generic}," {an.short} added.',
    "{c.short} spends about {rnd} a year on research and development, roughly {pc} of sales.",
    "Its largest shareholder, {holder}, owns about {stake} of the company.",
    "{c.short} moved its headquarters to {hq2} in {yr4}, citing lower costs and a deeper pool of engineers.",
    "The company has faced criticism from environmental groups over emissions at its plant in {plant2}.",
    "{cfo.short} said the company had {cash} in cash and short-term investments at the end of the quarter.",
    "Debt has become a concern for some investors: {c.short} carries about {debt} in long-term borrowings.",
    "Executives have said they want to reduce the company's reliance on {cty2}, where about a quarter of its components are made.",
    "{ceo.short} earned {pay} last year, according to the company's proxy statement.",
    "Employees have been told to expect a decision on the reorganization by {month}, according to an internal memo seen by reporters.",
    "The stock trades at about {pe} times expected earnings, {cheap} its peers.",
    "A former executive, who asked not to be named because the matter is private, said the board had been divided over the strategy.",
    '{c.short} said it remained "on track" to meet its targets for {yr5}.',
    "The company also said it would hire {hires} people over the next two years, mostly in software and engineering.",
    "{union} officials said they would press for pay raises in upcoming talks.",
    "Sales in {cty2} rose {pc}, helped by new stores and a growing middle class.",
    "Currency swings cut reported revenue by about {pc}, the company said.",
    '{an.short} has a "{rating}" rating on the stock and a price target of {target}.',
    "{c.short} will report its next results in {month}.",
]

DEFENSE_BEATS = [
    "{expert}, a senior fellow at {think}, said the deployment reflected a broader shift in {us} strategy.",
    "{dema.plural} have grown more skeptical of foreign commitments, according to a recent poll by {pollster}.",
    "The {navy} currently has about {fleet} ships in active service, well short of the target set by {cong}.",
    "{expert.short} said shipyards were struggling to hire welders and electricians fast enough.",
    "Officials in {partner} said they had been consulted in advance.",
    "Defense analysts said the contract could grow if the program moved into full-rate production.",
    "The {pent} has asked {cong} for more money to maintain older ships rather than retire them early.",
    '"We are stretched thin," one official said, speaking on condition of anonymity to discuss planning.',
    "Satellite images published by {think} showed new construction at several bases in the region.",
    "The last major exercise in the area, in {yr}, involved more than {sailors} sailors from {nc} countries.",
    "{partner_dem.plural} have generally supported a larger {us} presence, polls show.",
    "A spokesperson for the {navy} declined to discuss the ships' exact positions.",
]

WORLD_BEATS = [
    "{expert}, a senior fellow at {think}, said the talks reflected a broader realignment in the region.",
    '"{wq}," {expert.short} said.',
    "Protesters gathered outside the {venue} as the leaders met, calling for action on {issue}.",
    "{dema.plural} have grown more skeptical of foreign commitments, according to a recent poll by {pollster}.",
    "Opposition lawmakers in {a.short} accused the government of giving away too much.",
    "The agreement still needs to be ratified by parliament in {b.short}.",
    "Trade ministers from both countries will meet again in {month} to discuss the details.",
    "{imf} economists have warned that rising debt levels could leave both countries exposed to a downturn.",
    "The {un} Secretary-General welcomed the agreement in a statement.",
    "The visit was overshadowed by a dispute over {issue}, which officials said would be handled separately.",
    '{demb.full} officials described the meeting as "frank and constructive," diplomatic language that often signals disagreement.',
    "Markets in {b.short} barely reacted to the news, with the main stock index closing {pc} higher.",
    "Energy prices have been a recurring point of friction, with {a.short} pushing for long-term supply contracts.",
    "{expert.short} said the real test would be whether the promises were funded in next year's budgets.",
    "Both sides have been courting investors from {gulf} and {asia} as they seek capital for infrastructure projects.",
    "Earlier in the week, {la.short} spoke by phone with leaders of several neighboring countries.",
    "Human rights organizations, including {hrw}, urged the governments to publish the full text of the agreement.",
    "The last formal summit between the two countries was held in {yr}.",
    "Officials declined to say whether defense purchases were discussed.",
    "{lb.short} is expected to make a return visit next year.",
]

ECONOMY_BEATS = [
    "Consumer spending, which accounts for the bulk of economic activity, grew {pc} in the last quarter.",
    "Wage growth has slowed to {pc}, according to the latest official figures.",
    '{an}, chief economist at {firm}, said the central bank was "walking a tightrope."',
    '"{econ_q}," {an.short} said.',
    "House prices fell {pc} over the past year, the steepest decline since {yr3}.",
    "The government is due to publish its budget next month, and officials have signaled spending restraint.",
    "{dem.plural} have cut back on big purchases, retailers say, while spending on services has held up.",
    "Futures markets now point to {ncuts} rate cuts over the next twelve months.",
    "The currency has {fx} {pc} against the dollar this year.",
    "Business surveys published last week showed manufacturing activity contracting for a {nth2} month.",
    "Economists surveyed by {firm2} expect growth of {pc2} next year.",
    "Energy prices, which drove much of the rise in inflation, have since eased.",
    "The {imf} trimmed its global growth forecast in its latest outlook, citing trade tensions.",
    "Some policymakers have argued that keeping rates high for too long risks a sharper slowdown.",
    "Banks have tightened lending standards for small businesses, a survey by the central bank showed.",
    '{inv}, a portfolio manager at {firm2}, said bond investors were "looking for any sign of a pivot."',
    "Unemployment claims have edged up in recent weeks but remain low by historical standards.",
    "Minutes of the previous meeting, released last month, showed policymakers divided on the outlook.",
]

ECONOMY_QUOTES = [
    "They have to be careful not to declare victory too early",
    "The data are sending mixed signals, and the central bank knows it",
    "Households are feeling the pinch even as the headline numbers improve",
    "I'd expect a long pause from here",
]

STARTUP_BEATS = [
    "{st.short} makes money by charging customers a subscription fee based on usage, {f.short} said.",
    "The round was one of the largest for a {field} company this year, according to {firm}.",
    "{st.short} plans to open an office in {city2} next year.",
    "Its customers include hospitals, retailers and several city governments, the company said.",
    "{vc.short} has backed more than {nport} companies, including several in {field}.",
    '"{vcq}," said {partner.short}, the {vc.short} partner.',
    "Rivals include larger companies as well as a crowded field of start-ups in {city2} and {city3}.",
    "{f.short} grew up in {home} and studied engineering before working at {big}.",
    "The company was part of an accelerator program run by {uni} in {yr}.",
    "Some investors have grown wary of the sector after several high-profile failures last year.",
    "{st.short} said it was not planning to go public in the near term.",
    "The company's software is used by about {users} people each month, it said.",
    "{cof.short} handles the company's engineering, while {f.short} focuses on sales and fundraising.",
    "Regulators have started to pay closer attention to {field} companies, lawyers said.",
    "Employees at {st.short} hold about {pcst} of the company's shares, {f.short} said.",
]

VC_QUOTES = [
    "The team moves faster than anyone else we looked at",
    "This market is going to be much bigger than people think",
    "We backed the founders as much as the product",
]

WORLD_QUOTES = [
    "Nobody should mistake this for a breakthrough, but it is a step",
    "Both governments need this to look like a success at home",
    "The hard part starts now, when the money has to be found",
    "This is as much about signaling to third countries as it is about the two of them",
]

THINK_TANKS = [
    "Halvorsen Institute",
    "Center for Maritime Policy",
    "Atlantic Crossroads Forum",
    "Institute for Fiscal Futures",
    "Pacific Policy Group",
]
POLLSTERS = ["Northbridge Polling", "Civica Research", "Keystone Opinion Labs"]
HR_GROUPS = ["Open Borders Watch", "Rights First International", "Freedom Ledger"]

GENERIC_QUOTES = [
    "There's a lot of uncertainty baked into these numbers",
    "The question is whether this momentum can last into next year",
    "They've done a good job of managing costs, but growth is harder to find",
    "It's a solid quarter, not a spectacular one",
    "Investors want to see a clearer path to profitability",
    "This is exactly what the market was hoping for",
    "I don't think anyone expected demand to hold up this well",
    "We think the worst is behind them",
]

SKEPTIC_QUOTES = [
    "I've heard this story before",
    "The valuation already assumes everything goes right",
    "Until they show real cash flow, I'm staying on the sidelines",
    "Management keeps moving the goalposts",
]


def shared_slots(s: Story, w: World, c: Ent) -> dict:
    rng = s.rng
    an, firm = w.analyst(rng)
    inv, firm2 = w.analyst(rng)
    country = c.attrs["country"]
    cty = w.countries.get(country) or w.us
    rival = w.company(rng, sector=c.attrs["sector"])
    if rival is c:
        rival = w.company(rng)
    ceo = c.attrs["ceo"]
    return dict(
        an=an,
        firm=firm,
        inv=inv,
        firm2=firm2,
        c=c,
        ceo=ceo,
        cfo=c.attrs["cfo"],
        sp=c.attrs["spokes"],
        hq=us_place(s, c.attrs["hq"]) if c.attrs["hq"].attrs.get("state") else c.attrs["hq"],
        topic=rng.choice(
            ["pricing power", "cost-cutting plan", "guidance", "cash position", "order book"]
        ),
        view=rng.choice(
            [
                "looked stronger than expected",
                "remained a weak spot",
                "should reassure investors",
                "raised more questions than it answered",
            ]
        ),
        quote_generic=lambda: rng.choice(GENERIC_QUOTES),
        skeptic_quote=lambda: rng.choice(SKEPTIC_QUOTES),
        move=lambda: rng.choice(["rose", "fell", "climbed", "slipped", "jumped", "dropped"]),
        pc=lambda: percent(rng, 0.5, 9),
        pc2=lambda: percent(rng, 0.2, 3),
        ex=rng.choice(["early", "afternoon", "premarket", "late"]),
        day=rng.choice(C.WEEKDAYS[:5]),
        cmp=rng.choice(["compared with", "against", "outpacing"]),
        idx_move=rng.choice(["gain", "decline", "rise", "drop"]),
        ytd=lambda: rng.choice(["gained", "lost", "risen", "fallen"]),
        emp=C.thousands(rng.choice([1800, 4200, 12000, 36000, 88000, 150000])),
        spoke=rng.choice(
            [
                "remains focused on serving its customers",
                "does not comment on market rumors",
                "is reviewing the report",
                "is confident in its long-term strategy",
            ]
        ),
        topic2=rng.choice(
            [
                "pricing practices",
                "the company's data-handling policies",
                "supplier contracts",
                "the pending review",
            ]
        ),
        yr=rng.randint(1902, 2012),
        yr2=rng.randint(2012, 2022),
        n=rng.randint(12, 140),
        n2=C.words(rng.randint(2, 9)),
        what=rng.choice(
            [
                "industrial sensors",
                "packaged foods",
                "specialty chemicals",
                "network equipment",
                "medical devices",
                "auto parts",
                "consumer electronics",
            ]
        ),
        dem_pl=w.demonyms.get(country, w.demonyms["United_States"]),
        consumer_trend=rng.choice(
            [
                "pull back on discretionary spending",
                "trade down to cheaper brands",
                "spend more on travel and less on goods",
            ]
        ),
        rival=rival,
        rival_move=rng.choice(
            ["cut prices", "pour money into new factories", "chase the same customers"]
        ),
        rival_result=rng.choice(
            ["a surprise loss", "record sales", "weaker margins", "a jump in orders"]
        ),
        bank=rng.choice(w.banks),
        cty=cty,
        fed=w.fed,
        fed_move=rng.choice(
            [
                "kept interest rates on hold",
                "cut rates twice this year",
                "signaled it is in no hurry to cut rates",
            ]
        ),
        sector_word=rng.choice(
            ["capital-intensive", "consumer-facing", "highly leveraged", "smaller"]
        ),
        sea=rng.choice(
            [w.regions["Red_Sea"], w.regions["South_China_Sea"], w.regions["Pacific_Ocean"]]
        ),
        ceo_prev=w.minor(rng),
        no_plan=rng.choice(
            [
                "cut its dividend",
                "sell the division",
                "move its headquarters",
                "raise prices again this year",
            ]
        ),
        reg=rng.choice([w.ftc, w.sec, w.commission]),
        month=rng.choice(C.MONTHS),
        emp2=C.thousands(rng.choice([900, 2500, 7000, 15000])),
        risk=rng.choice(["softer demand", "rising costs", "tariffs"]),
        union=rng.choice(w.unions),
        capex=money(rng, 800, 9000),
        buyback=money(rng, 200, 5000),
        rev_exp=money(rng, 300, 20000),
        yr3=rng.randint(1998, 2016),
        cust=w.company(rng),
        cust2=w.company(rng),
        rnd=money(rng, 50, 9000),
        holder=rng.choice(w.vcs + w.research),
        stake=percent(rng, 5, 20),
        hq2=rng.choice(w.us_cities[:60]),
        yr4=rng.randint(2005, 2021),
        plant2=rng.choice(w.towns + w.us_cities),
        cash=money(rng, 100, 30000),
        debt=money(rng, 200, 40000),
        cty2=w.countries[rng.choice(["China", "Mexico", "India", "Vietnam", "Brazil", "Poland"])],
        pay=money(rng, 2, 40),
        pe=rng.randint(8, 45),
        cheap=rng.choice(["a discount to", "a premium to", "in line with"]),
        yr5=rng.randint(2025, 2028),
        hires=C.thousands(rng.choice([300, 1200, 5000])),
        rating=rng.choice(["buy", "hold", "sell", "overweight", "neutral"]),
        target=money(rng, 0.00002, 0.0004),
    )


def world_slots(s: Story, w: World, a_key: str, b_key: str) -> dict:
    rng = s.rng

    def org(name: str) -> Ent:
        return Ent(name.replace(" ", "_"), "ORG", {"full": name, "short": name}, later=("full",))

    return dict(
        expert=w.minor(rng),
        think=org(rng.choice(THINK_TANKS)),
        pollster=org(rng.choice(POLLSTERS)),
        hrw=org(rng.choice(HR_GROUPS)),
        wq=rng.choice(WORLD_QUOTES),
        venue=rng.choice(
            ["presidential palace", "foreign ministry", "conference center", "parliament building"]
        ),
        issue=rng.choice(
            ["climate change", "migration", "the cost of living", "press freedom", "fishing rights"]
        ),
        a=w.countries[a_key],
        b=w.countries[b_key],
        dema=w.demonyms[a_key],
        demb=w.demonyms[b_key],
        la=w.official(a_key, "leader")[0],
        lb=w.official(b_key, "leader")[0],
        imf=w.imf,
        un=w.un,
        gulf=w.regions["Middle_East"],
        asia=w.regions["Southeast_Asia"],
        month=rng.choice(C.MONTHS),
        pc=lambda: percent(rng, 0.2, 3),
        yr=rng.randint(2005, 2019),
    )


# ------------------------------------------------------------------ kinds


def paired(rng: random.Random, pairs: list) -> tuple[str, str]:
    """A headline and a lead that tell the same story: pairs of (lead, [headlines])."""
    lead, titles = rng.choice(pairs)
    return rng.choice(titles), lead


def _round(rng: random.Random) -> dict:
    amount = rng.uniform(3, 900)
    return {
        "amt": C.money_modern(rng, amount, amount),
        "val": C.money_modern(rng, amount * 4, amount * 15),
    }


def _range(rng: random.Random, cur: str) -> dict:
    low = rng.uniform(1, 80)
    high = low * rng.uniform(1.02, 1.08)
    return {"rev2": f"{cur}{low:.1f} billion", "rev3": f"{cur}{high:.1f} billion"}


def earnings(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    c = w.company(rng)
    slots = shared_slots(s, w, c)
    cur = currency_for(c.attrs["country"])
    up = rng.random() < 0.55
    q = rng.randrange(4)
    slots.update(
        rev=money(rng, 200, 60000, cur),
        prof=money(rng, 20, 8000, cur),
        qw=C.QUARTER_WORDS[q],
        chg=percent(rng, 2, 40),
        dir="rose" if up else "fell",
        dir2="up" if up else "down",
        guide=rng.choice(["raised", "reaffirmed", "cut", "withdrew"]),
        driver=rng.choice(
            [
                "strong demand for its {prod}",
                "a weaker yen",
                "higher prices",
                "cost cuts",
                "weak sales in {region}",
                "a one-time charge",
            ]
        ),
        region=w.regions[rng.choice(["Europe", "Asia", "Latin_America", "Middle_East"])],
        prod=(c.attrs["products"] or [None])[0] or "products",
    )
    if "{prod}" in slots["driver"] and not isinstance(slots["prod"], Ent):
        slots["driver"] = "strong demand"
    # a driver holds slots: render it as segments
    slots["driver"] = s.render(slots["driver"], slots)
    s.set_title(
        rng.choice(
            [
                "{c.short} Profit {Verb} as {Driver}",
                "{c.short} Beats Estimates, {Guide} Outlook",
                "{c.short} Shares {Move} After {qw_cap}-Quarter Results",
                "{c.short}'s Quarterly Profit {Verb} {chg}",
                "{c.short} Reports {Adj} Quarter; CEO Says {Claim}",
            ]
        ),
        c=c,
        Verb="Jumps" if up else "Slides",
        Driver=rng.choice(["Demand Holds Up", "Costs Bite", "Prices Rise"]),
        Guide={
            "raised": "Raises",
            "reaffirmed": "Reaffirms",
            "cut": "Cuts",
            "withdrew": "Withdraws",
        }[slots["guide"]],
        Move="Rise" if up else "Fall",
        qw_cap=slots["qw"].capitalize(),
        chg=slots["chg"],
        Adj="Strong" if up else "Weak",
        Claim=rng.choice(["Worst Is Over", "Demand Is Resilient", "Costs Remain a Risk"]),
    )
    lead = rng.choice(
        [
            "{c} said on {day} that its {qw}-quarter net profit {dir} {chg} to {prof}, as revenue reached {rev}, helped by {driver}.",
            "{c} reported {qw}-quarter revenue of {rev} on {day}, {dir2} {chg} from a year earlier, and {guide} its forecast for the full year.",
            "{c}'s profit {dir} {chg} in the {qw} quarter, the company said {day}, as {driver} {offset} its results.",
        ]
    )
    slots["offset"] = rng.choice(["shaped", "lifted", "weighed on"])
    beats = [
        "Net income came to {prof}, or {eps} a share, compared with {prof2} a year earlier.",
        "Excluding one-time items, the company earned {eps2} a share, {vs} the {eps3} analysts had expected.",
        "Revenue in the company's largest division {dir} {pc}, while its {seg} business grew {pc2}.",
        "{cfo}, the chief financial officer, told analysts on a call that the company expected {exp}.",
        '"{ceo_quote}," {ceo}, the chief executive, said in a statement.',
        "{ceo.short} told analysts the company would {plan}.",
        "For the full year, {c.short} now expects revenue of {rev2} to {rev3}.",
    ]
    eps2 = rng.uniform(0.1, 9)
    eps3 = eps2 * rng.uniform(0.85, 1.15)
    slots.update(
        eps=f"{cur}{eps2 * rng.uniform(0.7, 1.0):.2f}",
        eps2=f"{cur}{eps2:.2f}",
        eps3=f"{cur}{eps3:.2f}",
        prof2=money(rng, 20, 8000, cur),
        vs="above" if eps2 > eps3 * 1.01 else "below" if eps2 < eps3 * 0.99 else "in line with",
        seg=rng.choice(["services", "software", "aftermarket", "consumer", "cloud"]),
        exp=rng.choice(
            [
                "margins to improve in the second half",
                "currency swings to shave about two points off growth",
                "capital spending to peak this year",
            ]
        ),
        ceo_quote=rng.choice(
            [
                "Our teams delivered another strong quarter in a challenging environment",
                "We are seeing demand stabilize across our key markets",
                "These results are not where we want them to be, and we are taking action",
                "We're investing for the long term, and that won't always show up in a single quarter",
            ]
        ),
        plan=rng.choice(
            [
                "cut about {jobs} jobs",
                "open a new plant in {plant}",
                "spend more on research",
                "expand in {cty2}",
            ]
        ),
        jobs=C.thousands(rng.choice([400, 1200, 3000, 8000])),
        plant=us_place(s, rng.choice(w.us_cities + w.towns)),
        cty2=w.countries[rng.choice(["India", "Mexico", "Vietnam", "Poland", "Brazil"])],
        **_range(rng, cur),
    )
    slots["plan"] = s.render(slots["plan"], slots)
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": c.attrs["hq"],
        "tags": ["business", "earnings"],
    }


def product(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    c = w.company(
        rng,
        sector=rng.choice(
            ["tech", "tech", "transport", "health", "consumer", "industrial", "energy"]
        ),
    )
    prods = c.attrs["products"]
    if not prods:
        return earnings(s, w, d)
    p = prods[0]
    slots = shared_slots(s, w, c)
    venue = rng.choice(w.us_cities[:40] + w.world_cities[:20])
    slots.update(
        p=p,
        kind=p.attrs["kind"],
        price=money(rng, 0.0003, 0.09)
        if p.attrs["kind"]
        in (
            "smartphone",
            "laptop",
            "tablet",
            "smartwatch",
            "headset",
            "router",
            "e-bike",
            "coffee brand",
            "sneaker line",
            "cereal",
            "energy drink",
        )
        else money(rng, 0.02, 40),
        venue=us_place(s, venue) if venue.attrs.get("state") else venue,
        month=rng.choice(C.MONTHS),
        feature=rng.choice(
            [
                "longer battery life",
                "a faster chip",
                "lower running costs",
                "a lighter frame",
                "better safety ratings",
            ]
        ),
        rivalp=(slots["rival"].attrs["products"] or [p])[0],
    )
    if slots["rivalp"] is p:
        slots["rivalp"] = "older models"
    s.set_title(
        rng.choice(
            [
                "{c.short} Unveils {p.short}, Its {Adj} {Kind} Yet",
                "{c.short} Bets on New {Kind} to Revive Growth",
                "First Look: {c.short}'s {p.short} Aims at {rival.short}",
                "{c.short} Launches {p.short} as Competition Heats Up",
            ]
        ),
        c=c,
        p=p,
        Adj=rng.choice(["Cheapest", "Most Ambitious", "Fastest", "Biggest"]),
        Kind=" ".join(x.capitalize() for x in p.attrs["kind"].split()),
        rival=slots["rival"],
    )
    lead = rng.choice(
        [
            "{c} on {day} unveiled the {p}, a {kind} it hopes will {goal}, at an event in {venue}.",
            "{c} is betting that its new {kind}, the {p}, can {goal}.",
            "The {p} goes on sale in {month} at a starting price of {price}, {c} said {day}.",
        ]
    )
    slots["goal"] = rng.choice(
        [
            "win back customers from {rival}",
            "open a new line of revenue",
            "reverse two years of falling sales",
        ]
    )
    slots["goal"] = s.render(slots["goal"], slots)
    beats = [
        "The {p.short} offers {feature}, the company said, and will be available in {n} countries at launch.",
        "Early reviewers praised the {p.short}'s design but questioned its price, which starts at {price}.",
        '{ceo} called the {p.short} "the most important product we\'ve launched in a decade."',
        "The launch puts {c.short} in direct competition with {rivalp}, made by {rival}.",
        "{an} of {firm} estimated {c.short} could sell {units} units of the {p.short} in its first year.",
        "Production will take place at the company's plant in {plant}, where it employs {emp2} workers.",
        "Some customers have complained about delays with earlier models, and {c.short} said it had {fix}.",
        "Regulators in {eu} must still approve the {kind} before it can be sold there.",
    ]
    slots.update(
        units=C.thousands(rng.choice([150000, 400000, 1200000, 3000000])),
        plant=us_place(s, rng.choice(w.us_cities + w.towns)),
        eu=w.eu,
        fix=rng.choice(
            [
                "added a second supplier",
                "redesigned the battery",
                "moved assembly closer to customers",
            ]
        ),
    )
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": venue,
        "tags": ["technology", "products"],
    }


def deal(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    a, b = w.two_companies(rng)
    slots = shared_slots(s, w, a)
    cur = currency_for(a.attrs["country"])
    slots.update(
        a=a,
        b=b,
        price=money(rng, 300, 70000, cur),
        prem=percent(rng, 10, 60),
        bceo=b.attrs["ceo"],
        adv=rng.choice(w.banks),
        adv2=rng.choice(w.banks),
        when=rng.choice(["the end of the year", "the first half of next year", "early next year"]),
        bhq=us_place(s, b.attrs["hq"]) if b.attrs["hq"].attrs.get("state") else b.attrs["hq"],
    )
    s.set_title(
        rng.choice(
            [
                "{a.short} to Buy {b.short} for {price}",
                "{a.short} Agrees to Acquire {b.short} in {price} Deal",
                "{b.short} Accepts {a.short}'s Sweetened Offer",
                "Why {a.short} Is Paying Up for {b.short}",
            ]
        ),
        a=a,
        b=b,
        price=slots["price"],
    )
    lead = rng.choice(
        [
            "{a} agreed to buy {b} for about {price}, the companies said on {day}, in a deal that would {why}.",
            "{a} said {day} it would acquire {b}, based in {bhq}, for {price} in cash and stock.",
            "{b} has agreed to be acquired by {a} for {price}, a premium of {prem} to its closing price on {day}.",
        ]
    )
    slots["why"] = rng.choice(
        [
            "create one of the largest players in the industry",
            "give it a foothold in {region}",
            "double its sales to hospitals",
        ]
    )
    slots["region"] = w.regions[rng.choice(["Asia", "Europe", "Latin_America"])]
    slots["why"] = s.render(slots["why"], slots)
    beats = [
        "The offer values {b.short} at a premium of {prem} to its average share price over the past month.",
        "{bceo}, {b.short}'s chief executive, will join {a.short}'s board once the deal closes, the companies said.",
        "The transaction is expected to close by {when}, subject to approval by regulators and {b.short}'s shareholders.",
        "{adv} advised {a.short}, while {adv2} advised {b.short}.",
        '"Together we can move faster than either company could on its own," {ceo} said on a call with analysts.',
        "Antitrust lawyers said the {ftc} was likely to take a close look at the deal.",
        "{b.short}'s shares jumped {pc} in {ex} trading, while {a.short}'s fell {pc2}.",
        "It is {a.short}'s {nth} acquisition since {ceo.short} became chief executive.",
        "Unions representing {b.short} workers said they would seek guarantees on jobs.",
    ]
    slots.update(
        ftc=w.ftc if a.attrs["country"] == "United_States" else w.commission,
        nth=rng.choice(["second", "third", "biggest", "largest"]),
    )
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": a.attrs["hq"],
        "tags": ["business", "deals"],
    }


def central_bank(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    ckey = rng.choice(
        ["United_States", "United_States", "Japan", "United_Kingdom", "Germany", "Canada", "India"]
    )
    bank = w.ecb if ckey == "Germany" else w.central_banks[ckey]
    chief, title = w.official(ckey, "bank")
    if ckey == "Germany":
        title = Tpl("{b} President", b=w.ecb)
    c = w.company(rng)
    slots = shared_slots(s, w, c)
    country = w.countries[ckey]
    dem = w.demonyms[ckey]
    act = rng.choice(["held", "raised", "cut"])
    slots.update(
        b=bank,
        chief=chief,
        title=title,
        cty=country,
        dem=dem,
        act=act,
        rate=f"{rng.uniform(0.1, 5.5):.2f}%",
        bp=rng.choice([25, 25, 50]),
        infl=percent(rng, 1.5, 7),
        target="2%",
        unemp=percent(rng, 3, 6),
        fin=w.official(ckey, "finance")[0],
        fin_title=w.official(ckey, "finance")[1],
        ecb=w.ecb,
        boj=w.boj,
        imf=w.imf,
    )
    s.set_title(
        rng.choice(
            [
                "{b.short} "
                + {
                    "held": "Holds Rates Steady",
                    "raised": "Raises Rates Again",
                    "cut": "Cuts Rates for First Time in Years",
                }[act],
                "{chief.short} Signals {b.short} Is in No Hurry to Move",
                "{dem.full} Inflation Cools, but {b.short} Stays Cautious",
                "What the {b.short}'s Decision Means for {dem.plural}",
            ]
        ),
        b=bank,
        chief=chief,
        dem=dem,
    )
    lead = rng.choice(
        [
            "The {b} {act} its benchmark interest rate on {day}, leaving it at {rate}, as policymakers weighed inflation of {infl} against signs of a slowing economy.",
            "{title} {chief} said on {day} that the central bank would keep policy tight until inflation returned to its {target} target.",
        ]
    )
    beats = [
        "Inflation in {cty} ran at {infl} last month, well above the central bank's {target} goal.",
        '"We are not yet where we need to be," {chief.short} told reporters after the meeting.',
        "Unemployment stood at {unemp}, near historic lows.",
        "{fin_title} {fin} welcomed the decision, saying it would support {dem.full} households.",
        "Markets had priced in a {bp}-basis-point move, according to futures data compiled by {firm}.",
        "The {imf} has urged central banks to keep rates high until price pressures ease.",
        "{dem.plural} have faced sharply higher prices for food and rent over the past two years.",
        "Mortgage rates in {cty} have climbed to their highest level in more than a decade.",
        "{an}, an economist at {firm}, said the {b.short} was likely to {expect} by the end of the year.",
        "The decision was not unanimous: two members of the rate-setting committee voted for a {alt}.",
        "Bond yields {yield_move} after the announcement, and the currency {fx_move}.",
    ]
    slots.update(
        expect=rng.choice(["cut rates twice", "stay on hold", "raise rates once more"]),
        alt=rng.choice(["cut", "larger increase", "pause"]),
        yield_move=rng.choice(["rose", "fell", "barely moved"]),
        fx_move=rng.choice(["strengthened", "weakened", "was little changed"]),
    )
    place = (
        w.washington
        if ckey == "United_States"
        else w.hq_for(rng, ckey if ckey != "Germany" else "Germany")
    )
    slots.update(
        econ_q=lambda: rng.choice(ECONOMY_QUOTES),
        ncuts=C.words(rng.randint(1, 4)),
        fx=rng.choice(["gained", "lost"]),
        nth2=rng.choice(["second", "third", "fifth"]),
    )
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": place,
        "tags": ["economy", "central banks"],
        "shared": ECONOMY_BEATS + SHARED_BEATS[13:15],
    }


def diplomacy(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    a_key, b_key = rng.sample(
        [
            "United_States",
            "China",
            "Japan",
            "India",
            "Germany",
            "France",
            "United_Kingdom",
            "Brazil",
            "South_Korea",
            "Australia",
            "Indonesia",
            "Turkey",
            "Saudi_Arabia",
            "Mexico",
            "Canada",
            "Nigeria",
            "Poland",
            "Ukraine",
        ],
        2,
    )
    a, b = w.countries[a_key], w.countries[b_key]
    la, ta = w.official(a_key, "leader")
    lb, tb = w.official(b_key, "leader")
    fa, tfa = w.official(a_key, "foreign")
    c = w.company(rng)
    slots = shared_slots(s, w, c)
    cap_b = w.hq_for(rng, b_key) if b_key != "United_States" else w.washington
    slots.update(
        a=a,
        b=b,
        la=la,
        ta=ta,
        lb=lb,
        tb=tb,
        fa=fa,
        tfa=tfa,
        dema=w.demonyms[a_key],
        demb=w.demonyms[b_key],
        cap=cap_b,
        un=w.un,
        nato=w.nato,
        wto=w.wto,
        topic=rng.choice(
            [
                "trade",
                "energy security",
                "climate finance",
                "critical minerals",
                "defense cooperation",
            ]
        ),
        bn=money(rng, 500, 30000),
    )
    title, lead = paired(
        rng,
        [
            (
                "{ta} {la} arrived in {cap} on {day} for talks with {tb} {lb}, the first such visit in {n} years, with {topic} at the top of the agenda.",
                [
                    "{la.short} Visits {cap} as Ties With {b.short} Warm",
                    "{dema.full} Leader Seeks Deeper {Topic} Ties With {b.short}",
                ],
            ),
            (
                "{a} and {b} agreed on {day} to expand cooperation on {topic}, signing a package of agreements worth about {bn}.",
                [
                    "{a.short} and {b.short} Sign Pact on {Topic}",
                    "{dema.full} Leader Seeks Deeper {Topic} Ties With {b.short}",
                ],
            ),
            (
                "Talks between {a} and {b} ended on {day} without agreement on {topic}, officials from both sides said, after two days of meetings in {cap}.",
                ["Talks Between {a.short} and {b.short} End Without Deal"],
            ),
        ],
    )
    s.set_title(
        title, a=a, b=b, la=la, cap=cap_b, dema=w.demonyms[a_key], Topic=slots["topic"].title()
    )
    beats = [
        '"Our two countries have more in common than what divides us," {la.short} said at a joint news conference with {lb.short}.',
        "{tfa} {fa} said the agreements would be reviewed by lawmakers before taking effect.",
        "The visit comes weeks after {b.short} hosted a summit of {nato} defense ministers.",
        "Human rights groups urged {la.short} to raise the treatment of journalists with {dembpl} officials.",
        "{dema.plural} make up one of the largest foreign business communities in {b.short}, according to official figures.",
        "Trade between {a.short} and {b.short} reached {bn} last year.",
        "Officials said {c} and {c2} were among the companies expected to sign supply deals during the trip.",
        "The two leaders also discussed the war in {ukr} and tensions in the {scs}.",
        "At the {un}, the two countries have often voted on opposite sides.",
        "{lb.short}'s government has been under pressure at home over rising prices.",
        "A dispute over tariffs, now before the {wto}, was not resolved, officials said.",
    ]
    slots.update(
        dembpl=w.demonyms[b_key],
        c2=w.company(rng),
        ukr=w.countries["Ukraine"],
        scs=w.regions["South_China_Sea"],
    )
    slots.update({k: v for k, v in world_slots(s, w, a_key, b_key).items() if k not in slots})
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": cap_b,
        "tags": ["world", "diplomacy"],
        "shared": WORLD_BEATS,
    }


def defense(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    officer, rank, _branch = rng.choice(w.officers)
    sec, sec_t = w.official("United_States", "defense")
    c = w.company(rng, sector=rng.choice(["transport", "industrial", "tech"]))
    slots = shared_slots(s, w, c)
    sea = rng.choice(
        [
            w.regions["South_China_Sea"],
            w.regions["Taiwan_Strait"],
            w.regions["Red_Sea"],
            w.regions["Baltic_Sea"],
            w.regions["Arctic"],
        ]
    )
    slots.update(
        o=officer,
        rank=rank,
        navy=w.navy,
        sec=sec,
        sec_t=sec_t,
        sea=sea,
        pent=w.pentagon,
        cong=w.congress,
        nato=w.nato,
        chi=w.demonyms["China"],
        jap=w.demonyms["Japan"],
        amer=w.demonyms["United_States"],
        bn=money(rng, 300, 20000),
        ships=C.words(rng.randint(2, 6)),
        sen=rng.choice(w.senators),
        us=w.us,
    )
    slots.update(party=slots["sen"].attrs["party"], st=slots["sen"].attrs["state"])
    title, lead = paired(
        rng,
        [
            (
                "The {navy} will deploy {ships} additional destroyers to the {sea} this year, {rank} {o} said on {day}.",
                [
                    "{navy.short} Sends More Ships to {sea.full}",
                    "{navy.full} Chief Warns of Shipbuilding Gap",
                    "Inside the {navy.short}'s Plan for the {sea.full}",
                ],
            ),
            (
                "The {pent} has awarded {c} a contract worth up to {bn} to build {what}, the company said {day}.",
                ["{pent.full} Awards {c.short} {bn} Contract"],
            ),
        ],
    )
    s.set_title(title, navy=w.navy, sea=sea, pent=w.pentagon, c=c, bn=slots["bn"], us=w.us)
    slots["what"] = rng.choice(
        [
            "unmanned surface vessels",
            "radar systems for destroyers",
            "cargo drones",
            "training aircraft",
        ]
    )
    beats = [
        "{o.short} told lawmakers that the {navy} needed more ships, not fewer, to keep pace with {chi.full} shipbuilding.",
        '{sec_t} {sec} said the deployments were routine and "not aimed at any one country."',
        "{sen}, a {party} from {st}, said {cong} should approve the funding quickly.",
        "{jap} and {amer} forces held joint exercises in the region last month.",
        "The {navy} has struggled to meet recruiting targets for three years in a row.",
        "{c.short} said the work would be carried out at its shipyard in {yard}.",
        "Critics in {cong} questioned the program's cost overruns, which the {gao} put at {bn}.",
        "Allies in {nato} have pledged to raise military spending, though several remain below the target.",
    ]
    slots.update(
        yard=us_place(s, rng.choice(w.us_cities[:60] + w.towns)),
        gao=w._inst(
            "Government_Accountability_Office",
            "ORG",
            "Government Accountability Office",
            abbr="GAO",
            define=True,
            later=("abbr",),
        ),
    )
    partner = rng.choice(["Japan", "Australia", "Philippines", "South_Korea", "United_Kingdom"])
    slots.update(
        {k: v for k, v in world_slots(s, w, "United_States", partner).items() if k not in slots}
    )
    slots.update(
        partner=w.countries[partner],
        partner_dem=w.demonyms[partner],
        fleet=rng.randint(280, 300),
        sailors=C.thousands(rng.choice([8000, 25000, 40000])),
        nc=rng.randint(6, 30),
    )
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": w.washington,
        "tags": ["world", "defense"],
        "shared": DEFENSE_BEATS + SHARED_BEATS[:8],
    }


def labor(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    c = w.company(rng, sector=rng.choice(["industrial", "transport", "consumer", "energy"]))
    union = rng.choice(w.unions)
    town = rng.choice(w.towns + w.us_cities)
    slots = shared_slots(s, w, c)
    worker = w.minor(rng)
    worker2 = w.namesake(rng, worker, w.residents) or w.minor(rng)
    slots.update(
        u=union,
        lead_u=union.attrs["leader"],
        town=us_place(s, town),
        town_e=town,
        worker=worker,
        worker2=worker2,
        n=C.thousands(rng.choice([600, 1400, 3200, 9000, 24000])),
        raise_=percent(rng, 3, 25),
        yrs=rng.randint(2, 5),
        mayor=w.mayors[town.key],
        gov=w.governors[town.attrs["state"].key],
        state=town.attrs["state"],
    )
    title, lead = paired(
        rng,
        [
            (
                "About {n} workers represented by the {u} walked off the job at {c} on {day} after contract talks broke down.",
                [
                    "Workers Walk Out at {c.short} Plants",
                    "In {town_e.full}, a Strike Tests a Company Town",
                ],
            ),
            (
                "The strike by about {n} members of the {u} at {c} showed no sign of ending on {day}, as both sides traded accusations and no new talks were scheduled.",
                [
                    "{c.short} Strike Enters {Nth} Week",
                    "In {town_e.full}, a Strike Tests a Company Town",
                ],
            ),
            (
                "{c} and the {u} reached a tentative {yrs}-year agreement that would raise wages by {raise_}, ending a strike that had idled plants in {town}.",
                ["{u.abbr} Reaches Tentative Deal With {c.short}"],
            ),
        ],
    )
    s.set_title(title, c=c, u=union, town_e=town, Nth=rng.choice(["Second", "Third", "Fifth"]))
    beats = [
        "\"We've given this company everything, and we're asking for our fair share,\" said {worker}, who has worked at the plant in {town_e.full} for {yrs2} years.",
        "{lead_u}, the union's president, said members would vote on the proposal next week.",
        '{sp}, a {c.short} spokesperson, said the company\'s offer was "fair and competitive."',
        "Mayor {mayor} said the strike was hurting businesses in {town_e.full}.",
        "Governor {gov} of {state} urged both sides to return to the bargaining table.",
        "{worker2}, another worker on the picket line, said the family had taken on a second job to make ends meet.",
        "{worker.short} and {worker2.short} both said they would vote against any deal without pension increases.",
        "The company has said it will continue operating with salaried staff.",
        "Analysts estimated the strike was costing {c.short} about {cost} a day in lost production.",
    ]
    slots.update(yrs2=rng.randint(4, 31), cost=money(rng, 2, 60))
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": town,
        "tags": ["business", "labor"],
    }


def startup(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    st = skewed(rng, w.startups, 1.3)
    vc, vc2 = rng.sample(w.vcs, 2)
    founder, cof = st.attrs["founder"], st.attrs["cofounder"]
    c = w.company(rng, sector="tech")
    slots = shared_slots(s, w, c)
    city = st.attrs["city"]
    partner = w.minor(rng)
    partner2 = w.namesake(rng, founder, w.residents) or partner
    slots.update(
        st=st,
        vc=vc,
        vc2=vc2,
        f=founder,
        cof=cof,
        city=us_place(s, city) if city.attrs.get("state") else city,
        field=st.attrs["field"],
        partner=partner2,
        **_round(rng),
        emp=rng.randint(12, 900),
        yr=rng.randint(2014, 2023),
        big=c,
    )
    s.set_title(
        rng.choice(
            [
                "{st.full} Raises {amt} to Expand {Field} Business",
                "{st.full}, a {Field} Start-Up, Is Valued at {val}",
                "Investors Bet {amt} on {st.full}",
            ]
        ),
        st=st,
        amt=slots["amt"],
        val=slots["val"],
        Field=st.attrs["field"].title(),
    )
    lead = rng.choice(
        [
            "{st}, a {city}-based {field} start-up, has raised {amt} in a funding round led by {vc}, the company said {day}.",
            "{f} started {st} in a spare bedroom in {yr}. On {day}, the {field} company said it had raised {amt} at a valuation of {val}.",
        ]
    )
    beats = [
        "{vc2} and existing investors also took part in the round.",
        "{f.short}, who co-founded the company with {cof}, said the money would be used to hire engineers and expand overseas.",
        '"We\'re still early," {f.short} said in an interview. "But customers are coming to us now."',
        "{partner}, a partner at {vc}, will join {st.short}'s board.",
        "The company now has {emp} employees and counts {big} among its customers.",
        "Venture funding for {field} companies has fallen sharply since its peak, according to data from {firm}.",
        "{cof.short} previously worked at {big}, where {cof.short} led a team building {field} tools.",
        "{st.short} expects to be profitable within two years, {f.short} said, though {f.short} declined to share revenue figures.",
    ]
    slots.update(
        city2=rng.choice(w.us_cities[:30]),
        city3=rng.choice(w.world_cities[:30]),
        nport=rng.randint(30, 400),
        vcq=rng.choice(VC_QUOTES),
        home=rng.choice(w.towns + w.world_cities),
        uni=rng.choice(w.universities),
        users=C.thousands(rng.choice([20000, 150000, 2000000])),
        pcst=percent(rng, 8, 25),
    )
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": city,
        "tags": ["technology", "startups"],
        "shared": STARTUP_BEATS,
    }


def regulation(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    c = w.company(rng, sector=rng.choice(["tech", "tech", "consumer", "health", "bank"]))
    slots = shared_slots(s, w, c)
    eu = rng.random() < 0.5
    reg = w.commission if eu else w.ftc
    sen = rng.choice(w.senators)
    chief = w.minor(rng)
    slots.update(
        reg=reg,
        fine=money(rng, 50, 8000, "€" if eu else "$"),
        sen=sen,
        party=sen.attrs["party"],
        st=sen.attrs["state"],
        chief=chief,
        eu=w.eu,
        doj=w._inst(
            "United_States_Department_of_Justice", "ORG", "Justice Department", later=("full",)
        ),
        brussels=w.city_by_name["Brussels"],
        what=rng.choice(
            [
                "app store rules",
                "advertising practices",
                "data-sharing agreements",
                "pricing of its services",
                "acquisition of smaller rivals",
            ]
        ),
    )
    title, lead = paired(
        rng,
        [
            (
                "The {reg} fined {c} {fine} on {day} over its {what}, the largest penalty of its kind this year.",
                ["{reg.short} Fines {c.short} {fine} Over {What}"],
            ),
            (
                "{c} is under investigation by the {reg} over its {what}, according to a statement released on {day}.",
                [
                    "{c.short} Faces New Scrutiny From {reg.short}",
                    "{c.short} to Change {What} After Regulator Pressure",
                ],
            ),
        ],
    )
    s.set_title(title, reg=reg, c=c, fine=slots["fine"], What=slots["what"].title())
    beats = [
        '{c.short} said it would appeal. "We believe our practices comply with the law," the company said.',
        '{chief}, who leads the investigation, said consumers had been "denied real choice."',
        "{sen}, a {party} from {st}, called for new legislation to rein in large technology companies.",
        "Officials in {brussels} have taken a tougher line than their counterparts in {wash}.",
        "The {doj} is conducting a separate review, people familiar with the matter said.",
        "Smaller rivals have complained for years that {c.short}'s {what} put them at a disadvantage.",
        "The case is one of several brought against large companies under the {eu}'s new digital rules.",
    ]
    slots["wash"] = w.washington
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": w.city_by_name["Brussels"] if eu else w.washington,
        "tags": ["business", "regulation"],
    }


def local_plant(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    c = w.company(rng, sector=rng.choice(["industrial", "energy", "transport", "tech"]))
    town = rng.choice(w.towns + w.us_cities[40:])
    state = town.attrs["state"]
    slots = shared_slots(s, w, c)
    resident = w.minor(rng)
    slots.update(
        town=us_place(s, town),
        town_e=town,
        state=state,
        gov=w.governors[state.key],
        mayor=w.mayors[town.key],
        jobs=C.thousands(rng.choice([150, 400, 900, 1800, 3500])),
        inv=money(rng, 80, 6000),
        res=resident,
        doe=w.doe,
        uni=rng.choice(w.universities),
        prof=rng.choice(w.professors)[0],
        what=rng.choice(
            [
                "battery cells",
                "solar panels",
                "semiconductors",
                "electric buses",
                "wind turbine blades",
                "heat pumps",
            ]
        ),
    )
    s.set_title(
        rng.choice(
            [
                "{c.short} to Build {inv} Plant in {town_e.full}",
                "A {What} Factory Brings Hope, and Worry, to {town_e.full}",
                "{state.full} Lands {c.short} Plant With {jobs} Jobs",
            ]
        ),
        c=c,
        inv=slots["inv"],
        town_e=town,
        state=state,
        jobs=slots["jobs"],
        What=slots["what"].title(),
    )
    lead = rng.choice(
        [
            "{c} will build a {inv} factory to make {what} in {town}, bringing about {jobs} jobs to the area, Governor {gov} announced on {day}.",
            "For years, the empty lots on the edge of {town_e.full} were a reminder of the jobs that had left. Now {c} plans to fill them with a {inv} plant that will make {what}.",
        ]
    )
    beats = [
        '"This is the biggest thing to happen to {town_e.full} in my lifetime," said {res}, who runs a diner near the site.',
        "Mayor {mayor} said the city would need new housing and schools to absorb the workers.",
        "The project will receive {incent} in state and local incentives, according to the governor's office.",
        "The {doe} has offered a loan of up to {loan} for the project.",
        "{prof}, an economist at {uni}, said the incentives were generous but could pay off over time.",
        "Construction is expected to begin next year, with production starting in {yr}.",
        'Some residents worry about water use and truck traffic. {res.short} said the town "can\'t say no to jobs."',
        "{state.full} has attracted more than a dozen similar projects over the past three years.",
        "{c.short} considered sites in several states before choosing {town_e.full}, {ceo.short} said.",
    ]
    slots.update(
        incent=money(rng, 20, 900), loan=money(rng, 100, 3000), yr=d.year + rng.randint(1, 3)
    )
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": town,
        "tags": ["business", "manufacturing"],
    }


def cyber(s: Story, w: World, d: date) -> dict:
    rng = s.rng
    c = w.company(rng, sector=rng.choice(["bank", "health", "consumer", "tech", "insurance"]))
    slots = shared_slots(s, w, c)
    researcher = w.minor(rng)
    slots.update(
        fbi=w.fbi,
        n=C.thousands(rng.choice([40000, 250000, 1900000, 6500000])),
        res=researcher,
        firm_sec=rng.choice(w.research),
        sec=w.sec,
        ag=w.minor(rng),
        state=rng.choice(list(w.states.values())),
        what=rng.choice(
            [
                "names and email addresses",
                "bank account numbers",
                "payment card details",
                "medical records",
            ]
        ),
    )
    s.set_title(
        rng.choice(
            [
                "{c.short} Says Hackers Stole Data on {n} Customers",
                "{c.short} Breach Exposes {What}",
                "{fbi.abbr} Investigating Cyberattack on {c.short}",
            ]
        ),
        c=c,
        n=slots["n"],
        fbi=w.fbi,
        What=slots["what"].title(),
    )
    lead = rng.choice(
        [
            "{c} said on {day} that hackers had gained access to {what} belonging to about {n} customers.",
            "The {fbi} is investigating a cyberattack on {c} that exposed the {what} of roughly {n} people, the company said.",
        ]
    )
    beats = [
        "{c.short} said it discovered the intrusion on {when} and notified law enforcement.",
        "{res}, a researcher at {firm_sec}, said the attackers appeared to have used stolen passwords.",
        "The company said it would offer affected customers two years of free credit monitoring.",
        "In a filing with the {sec}, {c.short} said the incident could have a material effect on its results.",
        "Attorney General {ag} of {state} said the office was looking into the breach.",
        "It is the second security incident at {c.short} in two years.",
    ]
    slots["when"] = rng.choice(C.MONTHS) + " " + str(rng.randint(1, 28))
    return {
        "slots": slots,
        "lead": lead,
        "beats": beats,
        "place": c.attrs["hq"],
        "tags": ["technology", "security"],
    }


KINDS = [
    (earnings, 20),
    (product, 12),
    (deal, 11),
    (central_bank, 9),
    (diplomacy, 10),
    (defense, 6),
    (labor, 7),
    (startup, 8),
    (regulation, 8),
    (local_plant, 7),
    (cyber, 5),
]


# ------------------------------------------------------------------ assembly


def fill(s: Story, plan: dict, target_words: int, dateline_p: float = 0.4) -> None:
    rng = s.rng
    slots = plan["slots"]
    p = s.para()
    if rng.random() < dateline_p and plan.get("place") is not None:
        p.segs.extend(dateline(s, plan["place"]))
    p.segs.extend(s.render(plan["lead"], slots))
    own = list(plan["beats"])
    rng.shuffle(own)
    shared = list(plan.get("shared") or SHARED_BEATS)
    rng.shuffle(shared)
    pool = []
    while own or shared:  # mostly the kind's own beats first, shared ones woven in
        if own and (rng.random() < 0.65 or not shared):
            pool.append(own.pop())
        else:
            pool.append(shared.pop())
    per_para = 0
    for t in pool:
        if s.words() >= target_words:
            break
        if per_para == 0 or per_para >= 3 or rng.random() < 0.45:
            s.para()
            per_para = 0
        s.say(t, **slots)
        per_para += 1
        if s.words() > 350 and rng.random() < 0.06:
            s.heading(
                rng.choice(
                    [
                        "What comes next",
                        "The bigger picture",
                        "Investors react",
                        "A long road",
                        "Why it matters",
                        "Background",
                    ]
                ),
                **slots,
            )
            per_para = 0


def finish_quotes(s: Story) -> None:
    """Curly quotes and apostrophes for some articles (names included), straight for others."""
    rng = s.rng
    style = rng.random()
    if style < 0.5:
        return
    names_too = rng.random() < 0.5
    open_q = True
    for seg in [*s.title] + [x for p in s.paras for x in p.segs]:
        if seg.ent is not None and not names_too:
            continue
        out = []
        text = seg.text
        for _i, ch in enumerate(text):
            if ch == '"' and seg.ent is None:
                out.append("“" if open_q else "”")
                open_q = not open_q
            elif ch == "'":
                out.append("’")
            else:
                out.append(ch)
        seg.text = "".join(out)


def story(rng: random.Random, w: World, index: int, target: int | None = None) -> Story:
    s = Story(rng, w, "modern")
    d = C.weekday_between(rng, date(2019, 1, 7), date(2025, 6, 27))
    src, domain = rng.choice(w.sources)
    s.meta.update(source=src, domain=domain)
    kind = rng.choices([k for k, _ in KINDS], weights=[wt for _, wt in KINDS])[0]
    plan = kind(s, w, d)
    target = target or int(min(1500, max(300, rng.lognormvariate(6.4, 0.5))))
    fill(s, plan, target)
    title = s.title
    while s.words() < target * 0.9:  # a round-up: the same kind of news elsewhere
        s.heading(
            rng.choice(
                [
                    "Elsewhere",
                    "Across the industry",
                    "Meanwhile",
                    "Also in the news",
                    "Related",
                    "In other news",
                ]
            )
        )
        more = kind(s, w, d)
        fill(s, more, min(target, s.words() + rng.randint(250, 600)), dateline_p=0.0)
    s.title = title
    if rng.random() < 0.08:
        s.title = [
            Seg(x.text.upper(), x.ent, x.ignore) if x.text.upper().__len__() == len(x.text) else x
            for x in s.title
        ]
    finish_quotes(s)
    title = "".join(x.text for x in s.title)
    section = plan["tags"][0]
    s.meta.update(
        date=d,
        datetime=datetime.combine(d, time(rng.randint(7, 19), rng.randrange(60))),
        kind=kind.__name__,
        tags=plan["tags"],
        authors=[rng.choice(w.reporters).forms["full"] for _ in range(rng.choice([1, 1, 1, 2]))],
        url=f"https://www.{domain}/{section}/{d:%Y/%m/%d}/{C.slug(title)}",
    )
    return s
