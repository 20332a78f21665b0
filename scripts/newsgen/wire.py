"""1980s wire-service copy: earnings tables, company news, markets, officials.

Each story kind is a function filling a `Story`: an ALL-CAPS headline, a
dateline ("HOUSTON, Texas, March 3 - ") opening the first paragraph, short
paragraphs, figures in "mln dlrs" and "pct", and a "Reuter" sign-off added by
the renderer.
"""

from __future__ import annotations

import random
from datetime import date

from . import common as C
from .engine import Ent, Seg, Story
from .world import World, skewed

BIG_CITIES = {
    "New York",
    "Chicago",
    "Houston",
    "Dallas",
    "Boston",
    "Detroit",
    "Los Angeles",
    "San Francisco",
    "Philadelphia",
    "Pittsburgh",
    "Atlanta",
    "Miami",
    "Denver",
    "Seattle",
    "Cleveland",
    "St. Louis",
    "Minneapolis",
    "Washington",
}


# ------------------------------------------------------------------ pieces


def dateline(s: Story, place: Ent, d: date) -> list[Seg]:
    rng = s.rng
    city = s.name(place, "full_up")
    day = C.wire_day(d)
    state = place.attrs.get("state")
    if (
        state is not None
        and place.forms["full"] not in ("New York", "Washington")
        and (place.forms["full"] not in BIG_CITIES or rng.random() < 0.2)
    ):
        form = "wire" if rng.random() < 0.7 else "full"
        return city + [Seg(", ")] + s.name(state, form) + [Seg(f", {day} - ")]
    return city + [Seg(f", {day} - ")]


def open_para(s: Story, place: Ent, d: date, template: str, **slots) -> None:
    p = s.para()
    p.segs.extend(dateline(s, place, d))
    p.segs.extend(s.render(template, slots))


def company_place(w: World, c: Ent) -> Ent:
    hq = c.attrs["hq"]
    return hq


def ticker(c: Ent) -> list[Seg]:
    return [Seg("<"), Seg(c.attrs["ticker"], ignore=True), Seg(">")]


def said(rng: random.Random) -> str:
    return rng.choice(
        [
            "said",
            "said",
            "said",
            "told reporters",
            "said in a statement",
            "said in an interview",
            "told a news conference",
        ]
    )


def place_for_country(w: World, rng: random.Random, ckey: str) -> Ent:
    if ckey == "United_States":
        return w.washington if rng.random() < 0.6 else w.new_york
    cities = [e for e in w.world_cities if e.attrs["country"].key == ckey]
    return cities[0] if cities else w.new_york


# ------------------------------------------------------------------ earnings


def earnings_table(s: Story, w: World, d: date) -> None:
    rng = s.rng
    c = w.company(rng)
    q = rng.randrange(4)
    period = rng.choice(
        [f"{C.QUARTERS[q]} QTR", f"{C.QUARTERS[q]} QTR", "YEAR", "1ST HALF", "NINE MTHS"]
    )
    loss = rng.random() < 0.2
    headline = rng.choice(
        [
            f"{{c.up}} {{tk}} {period} {'LOSS' if loss else 'NET'}",
            f"{{c.up}} {{tk}} {period} {'LOSS' if loss else 'NET'}",
            f"{{c.up}} {period} {'LOSS' if loss else 'NET'}",
            f"{{c.up}} {{tk}} REPORTS {period} {'LOSS' if loss else 'EARNINGS'}",
        ]
    )
    s.set_title(headline, caps=True, c=c, tk=ticker(c))
    place = company_place(w, c)
    p = s.para("table")
    p.segs.extend(dateline(s, place, d))
    if rng.random() < 0.5:
        month = rng.choice(
            ["Dec 31", "Jan 31", "Sept 30", "March 31", "June 30", "Nov 30", "Feb 28"]
        )
        p.segs.append(Seg(f"{'Qtr' if 'QTR' in period else 'Period'} ended {month}"))
    else:
        p.segs[-1].text = p.segs[-1].text.rstrip()
    scale = rng.choice([1, 1, 10, 100])
    shr_now, shr_prev = rng.randint(3, 190), rng.randint(3, 190)
    net_now = C.mln(rng, 0.3, 40) * scale
    net_prev = C.near(rng, net_now, 0.5)
    revs_now = net_now * rng.uniform(6, 25)
    revs_prev = C.near(rng, revs_now, 0.25)

    def money(x: float) -> str:
        if x < 1 and rng.random() < 0.7:
            return C.thousands(x * 1_000_000)
        if x >= 1000:
            return f"{x / 1000:.2f} billion"
        return f"{C.fmt1(x)} mln"

    loss_word = "loss" if loss else ""
    s.line(
        f"Shr {loss_word + ' ' if loss else ''}{shr_now} cts vs {'profit ' if loss and rng.random() < 0.5 else ''}{shr_prev} cts"
    )
    s.line(f"Net {loss_word + ' ' if loss else ''}{money(net_now)} vs {money(net_prev)}")
    s.line(f"Revs {money(revs_now)} vs {money(revs_prev)}")
    if rng.random() < 0.6:
        shrs = rng.uniform(2, 90)
        s.line(f"Avg shrs {C.fmt1(shrs)} mln vs {C.fmt1(C.near(rng, shrs, 0.1))} mln")
    if period.endswith("QTR") and q > 0 and rng.random() < 0.6:
        s.line(
            rng.choice(
                ["Year", f"{C.QUARTER_WORDS[q].capitalize()} quarter", "Nine mths", "Six mths"]
            )
        )
        s.line(f"Shr {shr_now * (q + 1) + rng.randint(-20, 20)} cts vs {shr_prev * (q + 1)} cts")
        s.line(f"Net {money(net_now * (q + 1))} vs {money(net_prev * (q + 1))}")
        s.line(f"Revs {money(revs_now * (q + 1))} vs {money(revs_prev * (q + 1))}")
    if rng.random() < 0.45:
        note = rng.choice(
            [
                "NOTE: Prior year net includes extraordinary gain of {x} mln dlrs, or {y} cts a share, from tax loss carryforward.",
                "NOTE: Full name of company is {c.full}.",
                "NOTE: Current year net includes pretax charge of {x} mln dlrs for plant closings.",
                "NOTE: Per share results restated for three-for-two stock split paid in {month}.",
                "NOTE: Prior year figures restated to reflect discontinued operations.",
                "NOTE: Results include operations of {b.full}, acquired in {month}.",
                "NOTE: Company said fourth quarter results reflect lower prices for its products in {region}.",
            ]
        )
        b = w.company(rng)
        s.line(
            note,
            x=C.fmt1(rng.uniform(0.2, 9)),
            y=rng.randint(2, 40),
            c=c,
            b=b,
            month=rng.choice(C.MONTHS),
            region=w.regions[rng.choice(["Europe", "Asia", "Latin_America", "Middle_East"])],
        )


def earnings_story(s: Story, w: World, d: date) -> None:
    rng = s.rng
    c = w.company(rng)
    ceo = c.attrs["ceo"]
    q = rng.randrange(4)
    up = rng.random() < 0.6
    x_now, x_prev = C.mln(rng, 2, 300), 0.0
    x_prev = (
        round(x_now / rng.uniform(1.05, 1.8), 1) if up else round(x_now * rng.uniform(1.05, 1.8), 1)
    )
    k = rng.randrange(4)  # the headline and the lead tell the same story
    s.set_title(
        [
            "{c.short} {tk} " + ("SEES HIGHER" if up else "EXPECTS LOWER") + " 1987 EARNINGS",
            "{c.short} {tk} "
            + ("PROFIT RISES" if up else "PROFIT FALLS")
            + f" IN {C.QUARTERS[q]} QTR",
            "{c.short} SAYS " + ("EARNINGS TO IMPROVE" if up else "EARNINGS UNDER PRESSURE"),
            "{c.short} CHAIRMAN " + ("UPBEAT ON" if up else "CAUTIOUS ON") + " OUTLOOK",
        ][k],
        caps=True,
        c=c,
        tk=ticker(c),
    )
    leads = [
        "{c} said its {qw} quarter net income {verb} to {x} mln dlrs, or {shr} dlrs a share, from {y} mln dlrs, or {shr2} dlrs, a year earlier.",
        "{c} reported {qw} quarter earnings of {x} mln dlrs, {cmp} the {y} mln dlrs it earned in the year-ago period, and said it expected the trend to continue.",
        "{c} said it expects {yr} earnings to be {dir} than the {x} mln dlrs, or {shr} dlrs a share, it earned last year.",
    ]
    open_para(
        s,
        company_place(w, c),
        d,
        leads[[2, rng.randrange(2), 2, rng.randrange(3)][k]],
        c=c,
        qw=C.QUARTER_WORDS[q],
        verb="rose" if up else "fell",
        x=x_now,
        y=x_prev,
        shr=f"{rng.uniform(0.2, 4):.2f}",
        shr2=f"{rng.uniform(0.2, 4):.2f}",
        cmp="up from" if up else "down from",
        yr=d.year,
        dir="higher" if up else "lower",
    )
    s.para()
    s.say(
        rng.choice(
            [
                "Revenues {verb} to {r} mln dlrs from {r2} mln, the company said.",
                "Sales for the quarter were {r} mln dlrs, compared with {r2} mln dlrs a year ago.",
                "The company attributed the {gd} to {reason}.",
            ]
        ),
        verb="rose" if up else "declined",
        r=C.fmt1(x_now * rng.uniform(5, 20)),
        r2=C.fmt1(x_prev * rng.uniform(5, 20)),
        gd="gain" if up else "decline",
        reason=rng.choice(
            [
                "higher volume and improved margins",
                "weak demand in its domestic market",
                "lower oil prices",
                "the stronger yen",
                "cost cutting and a lower tax rate",
                "start-up costs at a new plant",
                "strong sales of its new products",
            ]
        ),
    )
    _quote(
        s,
        w,
        ceo,
        "chairman and chief executive officer" if rng.random() < 0.5 else "president",
        c,
        up,
    )
    if rng.random() < 0.6:
        a, firm = w.analyst(rng)
        s.para()
        s.say(
            rng.choice(
                [
                    "{a}, an analyst with {f}, said the results were {adj} expectations.",
                    "Analyst {a} of {f} said {c} {view}.",
                    '"The numbers look {adj2}," said {a} of {f}, who follows the company.',
                ]
            ),
            a=a,
            f=firm,
            c=c,
            adj=rng.choice(["in line with", "slightly above", "well below", "ahead of"]),
            view=rng.choice(
                [
                    "was still digesting its acquisitions",
                    "had turned the corner",
                    "faces tougher competition abroad",
                    "should benefit from the weaker dollar",
                ]
            ),
            adj2=rng.choice(["solid", "disappointing", "better than we thought", "mixed"]),
        )
    _stock_move(s, w, c)


def _quote(s: Story, w: World, person: Ent, role: str, c: Ent, up: bool) -> None:
    rng = s.rng
    s.para()
    q = rng.choice(
        [
            "We are {adj} about the outlook for the rest of the year",
            "Our {seg} business continues to show {trend}",
            "The results reflect the steps we took last year to reduce costs",
            "We expect conditions in our markets to remain difficult for some time",
            "Demand has been {trend2} since the start of the year",
        ]
    ).format(
        adj="optimistic" if up else "cautious",
        seg=rng.choice(["domestic", "international", "core", "industrial"]),
        trend="strength" if up else "weakness",
        trend2="strong" if up else "soft",
    )
    s.say(
        rng.choice(
            [
                '"' + q + '," {p}, {role}, {said}.',
                "{p}, {c.short}'s {role}, said in a statement, \"" + q + '."',
                '"' + q + '," {p} said.',
            ]
        ),
        p=person,
        role=role,
        c=c,
        said=said(rng),
    )


def _stock_move(s: Story, w: World, c: Ent) -> None:
    rng = s.rng
    if rng.random() < 0.5:
        s.para()
        s.say(
            rng.choice(
                [
                    "{c.short} stock closed {dir} {ch} at {px} on the {ex}.",
                    "Shares of {c.short} were {dir} {ch} at {px} in {when} trading.",
                    "The company's shares {dir2} {ch} to {px}.",
                ]
            ),
            c=c,
            dir=rng.choice(["up", "down"]),
            ch=rng.choice(["1/8", "1/4", "3/8", "1/2", "5/8", "3/4", "1", "1-1/4", "2"]),
            px=C.fraction_price(rng, 4, 90),
            ex=rng.choice([w.nyse, w.nyse, w.nasdaq]),
            when=rng.choice(["morning", "afternoon", "late", "active"]),
            dir2=rng.choice(["rose", "fell", "gained", "slipped"]),
        )


def dividend(s: Story, w: World, d: date) -> None:
    rng = s.rng
    c = w.company(rng)
    amount = rng.randint(2, 90)
    kind = rng.choice(
        [
            "QTLY DIVIDEND",
            "QTLY DIV",
            "SETS DIVIDEND",
            "RAISES DIVIDEND",
            "CUTS DIVIDEND",
            "SETS PAYOUT",
        ]
    )
    s.set_title("{c.up} {tk} " + kind, caps=True, c=c, tk=ticker(c))
    p = s.para("table")
    p.segs.extend(dateline(s, company_place(w, c), d))
    p.segs[-1].text = p.segs[-1].text.rstrip()
    prev = (
        amount
        if "RAISES" not in kind and "CUTS" not in kind
        else (amount - rng.randint(1, 5) if "RAISES" in kind else amount + rng.randint(1, 8))
    )
    s.line(f"Qtly div {amount} cts vs {prev} cts prior")
    pay = C.weekday_between(rng, d, date(d.year + (d.month > 10), (d.month % 12) + 1, 28))
    s.line(f"Pay {C.MONTHS[pay.month - 1]} {pay.day}")
    s.line(
        f"Record {C.MONTHS[max(pay.month - 1, d.month - 1)]} {max(1, pay.day - rng.randint(5, 20))}"
    )
    if rng.random() < 0.92:
        s.para()
        s.say(
            rng.choice(
                [
                    "{c} said the {chg} reflects {why}.",
                    "The company said the payment is its {n} consecutive quarterly dividend.",
                    "{c} said its board would review the payout again in {m}, when it expects to have a clearer view of {why2}.",
                ]
            ),
            c=c,
            n=C.ordinal(rng.randint(12, 160)),
            m=rng.choice(C.MONTHS),
            chg="increase" if "RAISES" in kind else "decision",
            why=rng.choice(
                [
                    "its confidence in future earnings",
                    "the need to conserve cash for its capital program",
                    "improved results in its core businesses",
                ]
            ),
            why2=rng.choice(["oil prices", "its restructuring", "second half earnings"]),
        )
        if rng.random() < 0.5:
            s.say(
                "{c.short} earned {x} dlrs a share last year, compared with {y} dlrs in {yr}.",
                c=c,
                x=f"{rng.uniform(0.5, 5):.2f}",
                y=f"{rng.uniform(0.5, 5):.2f}",
                yr=d.year - 2,
            )


# ------------------------------------------------------------------ deals


def merger(s: Story, w: World, d: date) -> None:
    rng = s.rng
    a, b = w.two_companies(rng)
    price = C.mln(rng, 20, 900)
    per = C.fraction_price(rng, 10, 70)
    kind = rng.choice(["cash", "stock", "cash and stock", "cash"])
    s.set_title(
        rng.choice(
            [
                "{a.short_up} TO ACQUIRE {b.short_up}",
                "{a.short_up} {tka} TO BUY {b.short_up} {tkb} FOR {px} MLN DLRS",
                "{a.short_up} AGREES TO MERGE WITH {b.short_up}",
                "{a.short_up} MAKES BID FOR {b.short_up}",
                "{b.short_up} {tkb} RECEIVES OFFER FROM {a.short_up}",
            ]
        ),
        caps=True,
        a=a,
        b=b,
        px=C.fmt1(price),
        tka=ticker(a),
        tkb=ticker(b),
    )
    open_para(
        s,
        company_place(w, a),
        d,
        rng.choice(
            [
                "{a} said it agreed to acquire {b} for about {px} mln dlrs in {kind}.",
                "{a} said it has made an offer to buy all outstanding shares of {b} at {per} dlrs a share, or about {px} mln dlrs.",
                "{a} and {b} said they have agreed in principle to merge in a transaction valued at about {px} mln dlrs.",
                "{a} said its board approved a definitive agreement under which it will acquire {b} for {per} dlrs a share in {kind}.",
            ]
        ),
        a=a,
        b=b,
        px=C.fmt1(price),
        per=per,
        kind=kind,
    )
    s.para()
    s.say(
        rng.choice(
            [
                "{b.short}, based in {hq}, makes {what} and had sales of about {sales} mln dlrs last year.",
                "{b.short} has about {shrs} mln shares outstanding.",
                "The offer is subject to approval by {b.short}'s shareholders and to regulatory review.",
                "{a.short} said the acquisition would be financed through bank borrowings.",
            ]
        ),
        a=a,
        b=b,
        hq=b.attrs["hq"],
        what=rng.choice(
            [
                "industrial equipment",
                "specialty chemicals",
                "computer software",
                "oil field equipment",
                "consumer products",
                "medical supplies",
            ]
        ),
        sales=C.fmt1(price * rng.uniform(0.8, 3)),
        shrs=C.fmt1(rng.uniform(3, 60)),
    )
    ceo = a.attrs["ceo"]
    s.para()
    s.say(
        rng.choice(
            [
                "{p}, chairman of {a.short}, said the combination would create {what}.",
                '"This acquisition gives us a strong position in {mkt}," {p}, {a.short}\'s chief executive, said.',
                "{p}, president of {a.short}, said no layoffs were planned.",
            ]
        ),
        p=ceo,
        a=a,
        what=rng.choice(
            [
                "one of the largest companies in the industry",
                "a stronger competitor abroad",
                "significant savings in distribution",
            ]
        ),
        mkt=rng.choice(
            [
                "the growing southern market",
                "industrial coatings",
                "data processing services",
                "regional banking",
            ]
        ),
    )
    if rng.random() < 0.6:
        s.para()
        s.say(
            rng.choice(
                [
                    "A spokesman for {b.short} said the company's board would meet {when} to consider the offer.",
                    "{bp}, a {b.short} spokesman, said the company had no comment.",
                    "{b.short} said it had retained {bank} to advise it on the offer.",
                    "The companies said they expect to complete the transaction by the end of {m}.",
                ]
            ),
            b=b,
            bp=b.attrs["spokes"],
            when=rng.choice(["next week", "on Friday", "later this month"]),
            bank=rng.choice(w.banks),
            m=rng.choice(C.MONTHS),
        )
    if rng.random() < 0.4:
        s.para()
        s.say(
            "{a.short} said it would file the required notice with the {sec} and under the {law}.",
            a=a,
            sec=w.sec,
            law="federal antitrust laws",
        )
    _stock_move(s, w, b)


def stake(s: Story, w: World, d: date) -> None:
    rng = s.rng
    holder, target = w.two_companies(rng)
    investor = w.minor(rng)
    pcts = C.pct(rng, 5, 19.9)
    s.set_title(
        rng.choice(
            [
                "{h.short_up} HAS {pc} PCT OF {t.short_up} {tk}",
                "INVESTOR GROUP HOLDS {pc} PCT OF {t.short_up}",
                "{t.short_up} {tk} STAKE RAISED TO {pc} PCT",
            ]
        ),
        caps=True,
        h=holder,
        t=target,
        pc=pcts,
        tk=ticker(target),
    )
    open_para(
        s,
        w.washington,
        d,
        rng.choice(
            [
                "{h} told the {sec} it has acquired {n} shares of {t}, or {pc} pct of the total outstanding common stock.",
                "An investor group led by {inv} said it holds {n} shares, or {pc} pct, of the common stock of {t}.",
            ]
        ),
        h=holder,
        t=target,
        inv=investor,
        sec=w.sec,
        n=C.thousands(rng.uniform(2e5, 4e6)),
        pc=pcts,
    )
    s.para()
    s.say(
        rng.choice(
            [
                "In its filing, {h.short} said it bought the stock for investment purposes and may buy more shares.",
                "The group said it might seek control of {t.short} or seek representation on its board.",
                "{inv} said the shares were bought between {m1} and {m2} at prices ranging from {p1} to {p2} dlrs a share.",
            ]
        ),
        h=holder,
        t=target,
        inv=investor,
        m1=rng.choice(C.MONTHS[:6]),
        m2=rng.choice(C.MONTHS[6:]),
        p1=C.fraction_price(rng, 8, 20),
        p2=C.fraction_price(rng, 21, 40),
    )


def management(s: Story, w: World, d: date) -> None:
    rng = s.rng
    c = w.company(rng)
    new, old = w.minor(rng), c.attrs["president"]
    role = rng.choice(
        [
            "president",
            "chief executive officer",
            "chief financial officer",
            "chairman",
            "president and chief operating officer",
        ]
    )
    s.set_title(
        rng.choice(
            [
                "{c.short_up} NAMES NEW {r}",
                "{c.short_up} {tk} APPOINTS {n.short_up}",
                "{o.short_up} TO RETIRE AS {c.short_up} {r}",
            ]
        ),
        caps=True,
        c=c,
        n=new,
        o=old,
        r=role.split(" and ")[0].upper(),
        tk=ticker(c),
    )
    open_para(
        s,
        company_place(w, c),
        d,
        rng.choice(
            [
                "{c} said it named {n} {role}, succeeding {o}, who {why}.",
                "{c} said {o} will retire as {role} on {m} 1 and will be succeeded by {n}.",
            ]
        ),
        c=c,
        n=new,
        o=old,
        role=role,
        m=rng.choice(C.MONTHS),
        why=rng.choice(
            [
                "is retiring",
                "resigned to pursue other interests",
                "will remain a director",
                "becomes vice chairman",
            ]
        ),
    )
    s.para()
    s.say(
        rng.choice(
            [
                "{n.short}, {age}, was previously {prev} of {b}.",
                "{n.short}, {age}, has been with the company since {yr}.",
                "{n.short}, {age}, joined {c.short} from {b} in {yr}.",
            ]
        ),
        n=new,
        c=c,
        b=w.company(rng),
        age=rng.randint(41, 66),
        yr=rng.randint(1958, 1985),
        prev=rng.choice(
            ["executive vice president", "senior vice president", "treasurer", "a director"]
        ),
    )


def offering(s: Story, w: World, d: date) -> None:
    rng = s.rng
    c = w.company(rng)
    amt = rng.choice([25, 40, 50, 75, 100, 125, 150, 200, 250, 300])
    kind = rng.choice(
        [
            "convertible subordinated debentures",
            "senior notes",
            "common shares",
            "preferred stock",
            "sinking fund debentures",
        ]
    )
    bank = rng.choice(w.banks)
    s.set_title(
        rng.choice(
            [
                "{c.short_up} {tk} FILES FOR {a} MLN DLR OFFERING",
                "{c.short_up} TO OFFER {a} MLN DLRS OF DEBT",
                "{c.short_up} {tk} SELLS {a} MLN DLRS OF NOTES",
            ]
        ),
        caps=True,
        c=c,
        a=amt,
        tk=ticker(c),
    )
    open_para(
        s,
        company_place(w, c),
        d,
        rng.choice(
            [
                "{c} said it filed with the {sec} for a proposed offering of {a} mln dlrs of {k}.",
                "{c} said it plans to offer {a} mln dlrs of {k} through underwriters led by {b}.",
            ]
        ),
        c=c,
        sec=w.sec,
        a=amt,
        k=kind,
        b=bank,
    )
    s.para()
    s.say(
        rng.choice(
            [
                "Proceeds will be used to repay bank debt and for general corporate purposes, the company said.",
                "The {k} are due {yr} and will carry a coupon of {cp} pct, {b.short} said.",
                "{c.short} said proceeds would help finance its expansion program.",
            ]
        ),
        c=c,
        k=kind,
        yr=rng.randint(1992, 2017),
        cp=C.pct(rng, 6, 12, 2).rstrip("0").rstrip("."),
        b=bank,
    )


def ratings(s: Story, w: World, d: date) -> None:
    rng = s.rng
    c = w.company(rng)
    agency = rng.choice([w.moodys, w.sp])
    down = rng.random() < 0.6
    amt = C.fmt1(rng.uniform(40, 1500))
    s.set_title(
        "{ag.short_up} " + ("DOWNGRADES" if down else "UPGRADES") + " {c.short_up} {tk}",
        caps=True,
        ag=agency,
        c=c,
        tk=ticker(c),
    )
    open_para(
        s,
        w.new_york,
        d,
        rng.choice(
            [
                "{ag} said it {verb} {amt} mln dlrs of debt of {c}.",
                "{ag} said it {verb} the senior debt of {c}, affecting about {amt} mln dlrs of securities.",
            ]
        ),
        ag=agency,
        c=c,
        verb="downgraded" if down else "upgraded",
        amt=amt,
    )
    s.para()
    s.say(
        rng.choice(
            [
                "The agency cited {reason}.",
                "{ag.short} said the action reflects {reason}.",
            ]
        ),
        ag=agency,
        reason=rng.choice(
            [
                "the company's increased debt after its recent acquisition",
                "improved cash flow and lower leverage",
                "continued losses in its steel operations",
                "weak conditions in the oil industry",
            ]
        ),
    )


# ------------------------------------------------------------------ markets


def forex(s: Story, w: World, d: date) -> None:
    rng = s.rng
    city = rng.choice(
        ["Tokyo", "London", "Frankfurt", "Zurich", "Hong Kong", "Singapore", "Sydney"]
    )
    place = w.city_by_name[city]
    yen = f"{rng.uniform(140, 160):.2f}"
    marks = f"{rng.uniform(1.75, 1.90):.4f}"
    up = rng.random() < 0.5
    s.set_title(
        rng.choice(
            [
                "DOLLAR " + ("OPENS HIGHER" if up else "OPENS LOWER") + " IN {p.up}",
                "DOLLAR " + ("FIRMS" if up else "EASES") + " IN QUIET {p.up} TRADE",
                "{p.up} DOLLAR CLOSES AT {yen} YEN",
                "DOLLAR " + ("RISES" if up else "FALLS") + " ON {cb.up} INTERVENTION TALK",
            ]
        ),
        caps=True,
        p=place,
        yen=yen,
        cb=w.boj,
    )
    open_para(
        s,
        place,
        d,
        rng.choice(
            [
                "The dollar opened at {yen} yen, {cmp} {yen2} at the close in {ny} yesterday, dealers said.",
                "The dollar {verb} against the yen in {morning} trading here on {reason}, dealers said.",
                "The dollar closed at {yen} yen and {marks} marks, after opening at {yen2} yen and {marks2}.",
            ]
        ),
        yen=yen,
        yen2=f"{float(yen) + rng.uniform(-1.5, 1.5):.2f}",
        cmp="up from" if up else "down from",
        ny=w.new_york,
        verb="firmed" if up else "eased",
        morning=rng.choice(["morning", "early", "quiet", "thin"]),
        reason=rng.choice(
            [
                "speculative buying",
                "corporate selling",
                "profit-taking",
                "comments by central bank officials",
            ]
        ),
        marks=marks,
        marks2=f"{float(marks) + rng.uniform(-0.01, 0.01):.4f}",
    )
    for _ in range(rng.randint(1, 4)):
        s.para()
        s.say(
            rng.choice(
                [
                    "Dealers said the {cb} was believed to have bought dollars around {yen} yen.",
                    "The market was waiting for {us.s0} trade figures due out on {day}, dealers said.",
                    '{bank} dealer {p} said, "There is little to trade on ahead of the weekend."',
                    "Sterling was quoted at {stg} dlrs against {stg2} at the previous close.",
                    "The {swiss} franc stood at {chf} to the dollar, while the {dutch} guilder was at {nlg}.",
                    "Operators said the {bund} was unlikely to change its credit policy at its council meeting on {day}.",
                    "The {fed} was seen keeping a steady hand on credit conditions, dealers said.",
                    "One dealer at a {jap} trust bank said investors were reluctant to take large positions.",
                    "Dealers said {jap} investors were selling dollars ahead of the fiscal year end on March 31.",
                    "At {gmt} GMT the dollar was at {yen} yen.",
                ]
            ),
            cb=w.boj,
            yen=yen,
            us=w.us,
            day=rng.choice(C.WEEKDAYS[:5]),
            bank=skewed(rng, w.banks),
            p=w.minor(rng),
            stg=f"{rng.uniform(1.45, 1.65):.4f}",
            stg2=f"{rng.uniform(1.45, 1.65):.4f}",
            swiss=w.demonyms["Switzerland"],
            dutch=w.demonyms["Netherlands"],
            chf=f"{rng.uniform(1.45, 1.60):.4f}",
            nlg=f"{rng.uniform(2.0, 2.2):.4f}",
            bund=w.bundesbank,
            fed=w.fed,
            jap=w.demonyms["Japan"],
            gmt=f"{rng.randint(6, 17):02d}{rng.choice(['00', '15', '30', '45'])}",
        )


def money_market(s: Story, w: World, d: date) -> None:
    rng = s.rng
    which = rng.choice(["boe", "fed", "bund"])
    amt = rng.choice([120, 215, 380, 450, 600, 735, 890, 1100])
    if which == "boe":
        s.set_title(
            rng.choice(
                [
                    "{uk.s2} MONEY MARKET GIVEN {a} MLN STG ASSISTANCE",
                    "{b.up} PROVIDES {a} MLN STG HELP",
                ]
            ),
            caps=True,
            a=amt,
            b=w.boe,
            uk=w.uk,
        )
        open_para(
            s,
            w.city_by_name["London"],
            d,
            "The {b} said it provided the money market with {a} mln stg assistance in the {when} session.",
            b=w.boe,
            a=amt,
            when=rng.choice(["morning", "afternoon", "late"]),
        )
        s.para()
        s.say(
            "This brings the {b}'s total help so far today to {t} mln stg and compares with its {rev} forecast of a {sh} mln stg shortage.",
            b=w.boe,
            t=amt + rng.randint(50, 400),
            rev=rng.choice(["revised", "earlier", "original"]),
            sh=amt + rng.randint(100, 600),
        )
        s.para()
        s.say(
            "The central bank bought {x} mln stg of bank bills in band {band} at {r} pct.",
            x=amt - rng.randint(10, 100),
            band=rng.randint(1, 4),
            r=C.pct(rng, 8.5, 11, 3),
        )
    elif which == "fed":
        s.set_title(
            rng.choice(
                [
                    "{fed.short} ADDS RESERVES VIA {kind} REPURCHASES",
                    "{fed.short} SETS {a} MLN DLR CUSTOMER REPURCHASE",
                ]
            ),
            caps=True,
            fed=w.fed,
            kind=rng.choice(["SYSTEM", "CUSTOMER", "OVERNIGHT"]),
            a=amt,
        )
        open_para(
            s,
            w.new_york,
            d,
            rng.choice(
                [
                    "The {fed} entered the government securities market to arrange {kind} repurchase agreements, a {fed} spokesman said.",
                    "The {fed} added temporary reserves to the banking system by arranging {a} mln dlrs of customer repurchase agreements.",
                ]
            ),
            fed=w.fed,
            kind=rng.choice(["four-day system", "overnight", "customer"]),
            a=amt,
        )
        s.para()
        s.say(
            "Federal funds were trading at {r} pct at the time of the direct injection, dealers said.".replace(
                "Federal", "Overnight"
            ),
            r=C.pct(rng, 5.8, 7.2, 2),
        )
    else:
        s.set_title(
            rng.choice(
                [
                    "{b.up} LEAVES CREDIT POLICIES UNCHANGED",
                    "{g.up} CALL MONEY STEADY AHEAD OF {b.up} MEETING",
                ]
            ),
            caps=True,
            b=w.bundesbank,
            g=w.germany,
        )
        open_para(
            s,
            w.city_by_name["Frankfurt"],
            d,
            rng.choice(
                [
                    "The {b} left credit policies unchanged after today's regular meeting of its council, a spokesman said.",
                    "Call money rates were little changed at {r} pct, dealers said, as banks waited for the {b} council meeting.",
                ]
            ),
            b=w.bundesbank,
            r=C.pct(rng, 3.5, 4.2, 2),
        )
        s.para()
        s.say(
            "The discount rate remains at {dr} pct and the Lombard rate at {lr} pct.".replace(
                "Lombard", "lombard"
            ),
            dr=C.pct(rng, 2.5, 3.5, 1),
            lr=C.pct(rng, 4.5, 5.5, 1),
        )


def economy(s: Story, w: World, d: date) -> None:
    rng = s.rng
    ckey = rng.choice(
        [
            "United_States",
            "United_States",
            "Japan",
            "West_Germany",
            "United_Kingdom",
            "France",
            "Brazil",
            "Mexico",
            "Canada",
            "Italy",
        ]
    )
    country = w.countries[ckey]
    official, title = w.official(ckey, "finance")
    if rng.random() < 0.3:
        official, title = w.official(ckey, "bank")
    topic = rng.choice(["dollar", "debt", "trade", "growth", "rates"])
    s.set_title(
        rng.choice(
            [
                "{cty.short_up}'S {o.short_up} SAYS "
                + {
                    "dollar": "CURRENCIES STABLE",
                    "debt": "DEBT TALKS TO CONTINUE",
                    "trade": "TRADE DEFICIT TO NARROW",
                    "growth": "ECONOMY TO GROW",
                    "rates": "NO NEED FOR RATE CUT",
                }[topic],
                "{o.short_up} SEES "
                + {
                    "dollar": "NO FURTHER DOLLAR FALL",
                    "debt": "PROGRESS ON DEBT",
                    "trade": "BETTER TRADE BALANCE",
                    "growth": "SLOWER GROWTH",
                    "rates": "STEADY RATES",
                }[topic],
                "{imf.abbr_up} URGES {cty.short_up} TO CUT BUDGET DEFICIT"
                if topic == "debt"
                else "{cty.short_up} OFFICIAL UPBEAT ON " + topic.upper(),
            ]
        ),
        caps=True,
        cty=country,
        o=official,
        imf=w.imf,
    )
    place = place_for_country(w, rng, ckey)
    open_para(
        s,
        place,
        d,
        rng.choice(
            [
                "{title} {o} said {cty} {claim}.",
                "{cty} {claim}, {title} {o} said {when}.",
                "{title} {o} said on {day} that {cty} {claim}.",
            ]
        ),
        title=title,
        o=official,
        cty=country,
        day=rng.choice(C.WEEKDAYS[:5]),
        when=rng.choice(
            [
                "today",
                "in a speech",
                "in a television interview",
                "in parliament",
                "after meeting bankers",
            ]
        ),
        claim={
            "dollar": "and its major trading partners were committed to stabilising exchange rates around current levels",
            "debt": "would continue talks with commercial bank creditors on rescheduling its foreign debt",
            "trade": "expected its trade deficit to narrow sharply in the second half of the year",
            "growth": "would grow by about " + C.pct(rng, 1, 4) + " pct this year",
            "rates": "saw no need for a cut in interest rates at present",
        }[topic],
    )
    fillers = [
        ("{o.short} said the {imf} {imfview}.", {}),
        ("{o.short} said the agreement reached by the {g7} in {paris} last month was working.", {}),
        ("{o.short} told reporters that talks with the {wb} were {state}.", {}),
        ("The {imf} has forecast growth of {g} pct for industrial countries this year.", {}),
        ("{o.short} declined to comment on reports that the {fed} would tighten credit.", {}),
        (
            'Asked about the yen, {o.short} said, "I do not think further currency movements are desirable."',
            {},
        ),
        ("{o.short}'s remarks came ahead of a meeting of finance ministers in {wash}.", {}),
        (
            "Economists said the figures suggested {cty} would miss its target of {g} pct growth.",
            {},
        ),
        (
            "{an}, chief economist at {firm}, said {o.short}'s comments were aimed at calming the markets.",
            {},
        ),
        ("Officials said {dem} exports rose {g} pct in {m} from a year earlier.", {}),
        ("The {gatt} talks in {geneva} would also be discussed, {o.short} said.", {}),
    ]
    an, firm = w.analyst(rng)
    for t, _ in rng.sample(fillers, rng.randint(2, 6)):
        s.para()
        s.say(
            t,
            o=official,
            imf=w.imf,
            imfview=rng.choice(
                [
                    "should play a larger role in the debt strategy",
                    "had approved the country's economic program",
                    "was wrong to insist on further austerity",
                ]
            ),
            g7="major industrial nations",
            paris=w.city_by_name["Paris"],
            wb=w.world_bank,
            state=rng.choice(["going well", "at a delicate stage", "nearly complete"]),
            g=C.pct(rng, 1, 4),
            fed=w.fed,
            wash=w.washington,
            cty=country,
            an=an,
            firm=firm,
            dem=w.demonyms.get(ckey, w.demonyms["United_States"]),
            m=rng.choice(C.MONTHS),
            gatt=w.gatt,
            geneva=w.city_by_name["Geneva"],
        )


def trade(s: Story, w: World, d: date) -> None:
    rng = s.rng
    us_rep, rep_title = w.official("United_States", "trade")
    partner = rng.choice(["Japan", "West_Germany", "South_Korea", "Taiwan", "Canada", "Brazil"])
    pc = w.countries[partner]
    dem = w.demonyms[partner]
    goods = rng.choice(
        [
            "semiconductors",
            "steel",
            "textiles",
            "lumber",
            "machine tools",
            "farm products",
            "automobiles",
            "telecommunications equipment",
        ]
    )
    s.set_title(
        rng.choice(
            [
                "{us.abbr} WARNS {pc.short_up} ON {g} TRADE",
                "{us.abbr} TO IMPOSE TARIFFS ON {dem.up} {g}",
                "{pc.short_up} OFFERS CONCESSIONS IN {g} DISPUTE",
            ]
        ),
        caps=True,
        us=w.us,
        pc=pc,
        g=goods.upper(),
        dem=dem,
    )
    open_para(
        s,
        w.washington,
        d,
        rng.choice(
            [
                "The {us} will impose tariffs of up to {p} pct on imports of {dem} {g} unless {pc} opens its market, {title} {rep} said.",
                "{title} {rep} said {us.s0} patience with {pc} over trade in {g} was running out.",
            ]
        ),
        us=w.us,
        p=rng.choice([35, 50, 100]),
        dem=dem,
        g=goods,
        pc=pc,
        title=rep_title,
        rep=us_rep,
    )
    fin, fin_title = w.official(partner, "trade")
    for t in rng.sample(
        [
            "{rep.short} told a {sen} panel that {pc}'s trade surplus with the {us} remained too large.",
            "In {cap}, {ftitle} {fin} said the government would do everything possible to avoid a trade war.",
            "{dem} officials said they would take the issue to the {gatt} if the tariffs were imposed.",
            "Lawmakers in {cong} are pressing for tougher trade legislation.",
            "The {cm} said the {us} trade deficit widened to {x} billion dlrs in {m}.",
            "{sen1}, a {party} from {st}, said the administration was right to act.",
        ],
        rng.randint(2, 5),
    ):
        s.para()
        sen1 = rng.choice(w.senators)
        s.say(
            t,
            rep=us_rep,
            sen=w.senate,
            pc=pc,
            us=w.us,
            cap=place_for_country(w, rng, partner),
            ftitle=fin_title,
            fin=fin,
            dem=dem,
            gatt=w.gatt,
            cong=w.congress,
            cm=w.commerce,
            x=C.fmt1(rng.uniform(10, 16)),
            m=rng.choice(C.MONTHS),
            sen1=sen1,
            party=sen1.attrs["party"],
            st=sen1.attrs["state"],
        )


def commodity(s: Story, w: World, d: date) -> None:
    rng = s.rng
    kind = rng.choice(["oil", "coffee", "cocoa", "grain", "sugar"])
    if kind == "oil":
        minister = w.minor(rng)
        ckey = rng.choice(["Saudi_Arabia", "Kuwait", "Iran", "Venezuela", "Nigeria", "Indonesia"])
        country = w.countries[ckey]
        price = f"{rng.uniform(15, 20):.2f}"
        s.set_title(
            rng.choice(
                [
                    "{opec.abbr} OUTPUT {dir} {cty.short_up} SAYS",
                    "{cty.short_up} OIL MINISTER BACKS {opec.abbr} PRICE",
                    "CRUDE OIL PRICES "
                    + rng.choice(["FIRM", "EASE", "STEADY"])
                    + " ON {opec.abbr} NEWS",
                ]
            ),
            caps=True,
            opec=w.opec,
            cty=country,
            dir=rng.choice(["ABOVE CEILING", "WITHIN QUOTA"]),
        )
        open_para(
            s,
            place_for_country(w, rng, ckey),
            d,
            rng.choice(
                [
                    "{cty}'s oil minister {m} said {opec} members were adhering to their production quotas and that prices would hold around {px} dlrs a barrel.",
                    "Members of the {opec} are producing about {mb} mln barrels per day, above the agreed ceiling, {dem} oil minister {m} said.",
                ]
            ),
            cty=country,
            m=minister,
            opec=w.opec,
            px=price,
            mb=C.fmt1(rng.uniform(15, 18)),
            dem=w.demonyms.get(ckey, country),
        )
        for t in rng.sample(
            [
                "{m.short} said the organisation would meet in {vienna} in {mon} to review the market.",
                "Oil traders said spot prices for {brent} crude rose {c} cents to {px} dlrs.",
                "Industry sources said output from the {ns} was rising.",
                "{m.short} said {opec} would not allow prices to collapse again as they did last year.",
                "The {iea} said stocks in industrial countries were adequate.",
            ],
            rng.randint(2, 4),
        ):
            s.para()
            s.say(
                t,
                m=minister,
                vienna=w.city_by_name["Vienna"],
                mon=rng.choice(C.MONTHS),
                brent="benchmark",
                c=rng.randint(5, 60),
                px=price,
                ns=w.regions["North_Sea"],
                opec=w.opec,
                iea=w.iea,
            )
    else:
        org = {"coffee": w.ico, "cocoa": w.icco}.get(kind)
        ckey = rng.choice(
            {
                "coffee": ["Brazil", "Colombia", "Kenya", "Indonesia"],
                "cocoa": ["Brazil", "Nigeria", "Malaysia", "Indonesia"],
                "grain": ["United_States", "Canada", "Australia", "Argentina"],
                "sugar": ["Brazil", "Thailand", "Australia", "India"],
            }[kind]
        )
        country = w.countries[ckey]
        tonnes = C.thousands(rng.uniform(20_000, 900_000))
        s.set_title(
            rng.choice(
                [
                    "{cty.short_up} "
                    + kind.upper()
                    + " CROP SEEN "
                    + rng.choice(["LARGER", "SMALLER"]),
                    "{cty.short_up} TO EXPORT {t} TONNES OF " + kind.upper(),
                ]
            ),
            caps=True,
            cty=country,
            t=tonnes,
        )
        place = place_for_country(w, rng, ckey) if ckey != "United_States" else w.washington
        open_para(
            s,
            place,
            d,
            rng.choice(
                [
                    "{cty}'s {k} crop this season is expected to reach {t} tonnes, trade sources said.",
                    "Showers continued throughout the week in the main {k} growing areas of {cty}, improving prospects for the crop, exporters said.",
                    "{cty} plans to export {t} tonnes of {k} in the current season, officials said.",
                ]
            ),
            cty=country,
            k=kind,
            t=tonnes,
        )
        lines = [
            "Prices on the {city} market were little changed.",
            "Exporters said {dem} farmers were holding back supplies in hope of higher prices.",
            "The estimate compares with {t2} tonnes last season.",
        ]
        if org is not None:
            lines.append(
                "Delegates to the {org} meeting in {london} failed to agree on export quotas."
            )
        if ckey == "United_States":
            lines.append(
                "The {usda} said in its latest report that stocks were {adj} than expected."
            )
        for t in rng.sample(lines, min(len(lines), rng.randint(2, 4))):
            s.para()
            s.say(
                t,
                city=place,
                dem=w.demonyms.get(ckey, country),
                t2=C.thousands(rng.uniform(20_000, 900_000)),
                org=org,
                london=w.city_by_name["London"],
                usda=w.usda,
                adj=rng.choice(["larger", "smaller"]),
            )


def politics(s: Story, w: World, d: date) -> None:
    rng = s.rng
    ckey = rng.choice(
        [
            "United_Kingdom",
            "Japan",
            "West_Germany",
            "France",
            "Italy",
            "Israel",
            "Egypt",
            "Philippines",
            "Brazil",
            "South_Korea",
            "Soviet_Union",
            "Iran",
            "Iraq",
        ]
    )
    country = w.countries[ckey]
    leader, title = w.official(ckey, "leader")
    foreign, ftitle = w.official(ckey, "foreign")
    topic = rng.choice(["visit", "vote", "talks", "military"])
    if topic == "military":
        officer, rank, _branch = rng.choice(w.officers)
        s.set_title(
            rng.choice(
                [
                    "{us.abbr} WARSHIPS ESCORT TANKERS IN {gulf.full_up}",
                    "{navy.full_up} REINFORCES {gulf.full_up} FLEET",
                ]
            ),
            caps=True,
            us=w.us,
            gulf=w.regions["Persian_Gulf"],
            navy=w.navy,
        )
        open_para(
            s,
            w.washington,
            d,
            "The {navy} will send {n} more warships to the {gulf} to protect shipping, {rank} {o} told a {sen} committee.",
            navy=w.navy,
            n=C.words(rng.randint(2, 5)),
            gulf=w.regions["Persian_Gulf"],
            rank=rank,
            o=officer,
            sen=w.senate,
        )
        for t in rng.sample(
            [
                "{o.short} said the ships would operate near the {hormuz}.",
                "The {pent} said {iran} and {iraq} had both attacked neutral shipping this year.",
                "Members of {cong} questioned whether the mission was too risky.",
                "{o.short} said {navy} ships would not enter the war zone.",
            ],
            rng.randint(2, 4),
        ):
            s.para()
            s.say(
                t,
                o=officer,
                hormuz=w.regions["Strait_of_Hormuz"],
                pent=w.pentagon,
                iran=w.countries["Iran"],
                iraq=w.countries["Iraq"],
                cong=w.congress,
                navy=w.navy,
            )
        return
    visit_to = w.countries[rng.choice(["United_States", "China", "India", "Australia", "Canada"])]
    k = rng.randrange(3)
    what = rng.choice(["trade", "security", "debt relief", "arms control"])
    s.set_title(
        [
            "{cty.short_up}'S {l.short_up} TO VISIT {v.short_up}",
            "{l.short_up} SURVIVES CONFIDENCE VOTE",
            "{cty.short_up} AND {v.short_up} TO HOLD TALKS ON {what}",
        ][k],
        caps=True,
        cty=country,
        l=leader,
        v=visit_to,
        what=what.upper(),
    )
    open_para(
        s,
        place_for_country(w, rng, ckey),
        d,
        [
            "{title} {l} will visit {v} next month for talks on {what}, officials said.",
            "{title} {l} survived a vote of confidence in parliament on {day}, by {a} votes to {b}.",
            "{cty} and {v} will hold talks on {what} in {m}, {ftitle} {f} said.",
        ][k],
        title=title,
        l=leader,
        v=visit_to,
        what=what,
        day=rng.choice(C.WEEKDAYS[:5]),
        a=rng.randint(250, 320),
        b=rng.randint(180, 249),
        cty=country,
        m=rng.choice(C.MONTHS),
        ftitle=ftitle,
        f=foreign,
    )
    for t in rng.sample(
        [
            "{l.short} said the talks were expected to be {adj}.",
            "{f.short} told reporters the two sides were close to agreement.",
            "Opposition leaders accused {l.short} of ignoring the country's economic problems.",
            "Diplomats in {cap} said the visit would be the first by a {dem} leader in {n} years.",
            "{l.short} is also expected to meet {vl}.",
            '"We have a great deal to discuss," {l.short} said.',
        ],
        rng.randint(2, 5),
    ):
        s.para()
        vl, _ = w.official(visit_to.key, "leader")
        s.say(
            t,
            l=leader,
            f=foreign,
            adj=rng.choice(["difficult", "constructive", "useful"]),
            cap=place_for_country(w, rng, ckey),
            dem=w.demonyms.get(ckey, country),
            n=rng.randint(5, 20),
            vl=vl,
        )


def labor(s: Story, w: World, d: date) -> None:
    rng = s.rng
    union = rng.choice(w.unions)
    c = w.company(rng, sector=rng.choice(["industrial", "transport", "energy", "agri"]))
    n = C.thousands(rng.choice([800, 1200, 2500, 4000, 6500, 11000]))
    s.set_title(
        rng.choice(
            [
                "{c.short_up} WORKERS STRIKE",
                "{c.short_up} {tk} REACHES PACT WITH {u.abbr}",
                "{u.abbr} MEMBERS REJECT {c.short_up} OFFER",
            ]
        ),
        caps=True,
        c=c,
        u=union,
        tk=ticker(c),
    )
    open_para(
        s,
        company_place(w, c),
        d,
        rng.choice(
            [
                "About {n} members of the {u} went on strike at {c} plants after talks on a new contract broke down.",
                "{c} said it reached a tentative {y}-year agreement with the {u}, which represents about {n} workers.",
            ]
        ),
        n=n,
        u=union,
        c=c,
        y=rng.randint(2, 4),
    )
    for t in rng.sample(
        [
            "{lead}, president of the union, said the company had refused to discuss job security.",
            "A {c.short} spokesman said production was continuing with supervisory personnel.",
            "The union said its members would vote on the proposal next week.",
            "{c.short} said the contract would raise labor costs by about {p} pct a year.",
        ],
        rng.randint(1, 3),
    ):
        s.para()
        s.say(t, lead=union.attrs["leader"], c=c, p=C.pct(rng, 2, 5))


def prime_rate(s: Story, w: World, d: date) -> None:
    rng = s.rng
    bank = w.company(rng, sector="bank", country="United_States")
    r = C.pct(rng, 7.5, 8.75, 2).rstrip("0").rstrip(".")
    s.set_title(
        "{b.short_up} {tk} "
        + rng.choice(["RAISES PRIME RATE TO", "CUTS PRIME RATE TO", "SETS PRIME AT"])
        + " {r} PCT",
        caps=True,
        b=bank,
        r=r,
        tk=ticker(bank),
    )
    open_para(
        s,
        company_place(w, bank),
        d,
        "{b} said it {verb} its prime lending rate to {r} pct from {r2} pct, effective {day}.",
        b=bank,
        verb=rng.choice(["raised", "lowered"]),
        r=r,
        r2=C.pct(rng, 7.5, 8.75, 2).rstrip("0").rstrip("."),
        day=rng.choice(["immediately", "tomorrow", "Monday"]),
    )
    if rng.random() < 0.6:
        s.para()
        s.say(
            "{b.short} is the {n} major bank to change its rate since the {fed} {act}.",
            b=bank,
            n=rng.choice(["first", "second", "latest"]),
            fed=w.fed,
            act=rng.choice(["tightened credit last week", "raised the discount rate"]),
        )


# ------------------------------------------------------------------ background

COMPANY_MORE = [
    "{c.short} said it expects {yr} sales to rise to about {sales} mln dlrs from {sales2} mln dlrs last year.",
    "The company, which has about {emp} employees, operates {n} plants in the {us.s0} and {n2} overseas.",
    "{c.short} said its backlog at the end of the quarter was {bl} mln dlrs, up from {bl2} mln dlrs a year earlier.",
    "In {m}, {c.short} sold its {div} unit to {b} for {px} mln dlrs.",
    "{c.short} has been cutting costs since {yr0}, when it closed two plants and eliminated about {jobs} jobs.",
    "Long-term debt totalled {debt} mln dlrs at the end of the year, the company said.",
    "{p}, {c.short}'s chief financial officer, said the company would use its cash to reduce debt.",
    "{c.short} said about {ex} pct of its sales are made outside the {us.s0}.",
    "The company said it would spend about {capex} mln dlrs on new equipment this year.",
    "{an}, an analyst at {firm}, estimated {c.short} would earn {eps} dlrs a share this year.",
    "Industry analysts said {c.short} had lost market share to {dem} competitors in recent years.",
    "{c.short} said its {div} division returned to profit in the quarter after {n} consecutive losses.",
    "Earlier this year {c.short} said it was studying the sale of some assets to concentrate on its main businesses.",
    "A company spokesman said the results did not include any gain from the sale of its stake in {b}.",
    "{c.short} said lower interest rates had reduced its financing costs by about {x} mln dlrs.",
    "The company's shares have risen from about {lo} dlrs at the start of the year.",
    "{c.short} has said it will consider acquisitions that fit its existing operations.",
    '{p} said in a letter to shareholders that the company expected "a better year" in {yr}.',
    "Its {div} operations, based in {hq}, accounted for about {ex} pct of operating profit.",
    "The company said it had no plans to issue new shares this year.",
    "{c.short} said it had completed the previously announced sale of its {div} unit.",
    "The company said it would record a {x} mln dlr charge in the current quarter for plant closings.",
    "Capital spending will be about {capex} mln dlrs this year, compared with {x} mln dlrs in {yr0}.",
    "A spokesman said the company was not aware of any reason for the recent activity in its stock.",
    "{c.short} said it had reached agreement with its lenders to extend its credit line to {bl} mln dlrs.",
    "The company said demand from {dem} customers remained strong.",
    "{c.short} said it was in talks with several parties about a possible joint venture but gave no details.",
    "Its {div} business, which it acquired in {yr0}, has been a drag on earnings, analysts said.",
]

ECONOMY_MORE = [
    "Government figures released last week showed industrial production rose {g} pct in {m}.",
    "Retail sales fell {g} pct in {m}, the statistics office said, the first decline in {n} months.",
    "The {cb} council is due to meet again on {day}.",
    "Bond prices {bond} in {quiet} trading, with the benchmark yield at {yld} pct.",
    "Finance ministry officials said tax revenues were running ahead of forecasts.",
    "The government has promised to cut public spending by {g} pct over the next two years.",
    "Exports rose {g} pct in {m} while imports fell {g2} pct, customs figures showed.",
    "Dealers said the market was also watching developments in {region} closely.",
    "Trade union leaders have warned that they will resist any further cuts in real wages.",
    "Economists said the {cb} was likely to keep interest rates unchanged until the currency stabilised.",
    "The trade surplus narrowed to {x} billion {cur} in {m} from {x2} billion in the previous month.",
    "Officials said the budget deficit for the fiscal year would be about {x} billion {cur}.",
    "Money supply growth, watched closely by the central bank, slowed to {g} pct in {m}.",
    "Inflation was running at an annual rate of {g} pct, according to the latest figures.",
    "Bankers said the accord among the major industrial nations had brought some calm to currency markets.",
    "Unemployment stood at {g} pct of the work force at the end of {m}.",
    "Some economists said growth would slow in the second half as exports weakened.",
    "The {imf} is due to review the country's economic program next month.",
    "Opposition politicians criticised the government's handling of the economy.",
    "Analysts said the figures were broadly in line with market expectations.",
]


def more(s: Story, w: World, target: int, pool: list[str], **slots) -> None:
    """Background paragraphs until the story reaches about `target` words."""
    rng = s.rng
    lines = list(pool)
    rng.shuffle(lines)
    while lines and s.words() < target:
        s.para()
        s.say(lines.pop(), **slots)
        if lines and rng.random() < 0.3 and s.words() < target:
            s.say(lines.pop(), **slots)


def company_more(s: Story, w: World, c: Ent, target: int) -> None:
    rng = s.rng
    an, firm = w.analyst(rng)
    more(
        s,
        w,
        target,
        COMPANY_MORE,
        c=c,
        b=w.company(rng),
        us=w.us,
        p=c.attrs["cfo"],
        an=an,
        firm=firm,
        yr=1987,
        yr0=rng.randint(1982, 1985),
        sales=C.fmt1(rng.uniform(50, 3000)),
        sales2=C.fmt1(rng.uniform(50, 3000)),
        emp=C.thousands(rng.choice([900, 2400, 6000, 14000, 31000])),
        n=C.words(rng.randint(2, 9)),
        n2=C.words(rng.randint(1, 5)),
        bl=C.fmt1(rng.uniform(20, 900)),
        bl2=C.fmt1(rng.uniform(20, 900)),
        m=rng.choice(C.MONTHS),
        div=rng.choice(
            [
                "chemicals",
                "industrial products",
                "consumer",
                "insurance",
                "electronics",
                "oil service",
                "aerospace",
            ]
        ),
        px=C.fmt1(rng.uniform(10, 300)),
        jobs=C.thousands(rng.choice([300, 800, 1500, 4000])),
        debt=C.fmt1(rng.uniform(40, 2000)),
        ex=rng.randint(10, 60),
        capex=C.fmt1(rng.uniform(10, 400)),
        eps=f"{rng.uniform(0.5, 6):.2f}",
        dem=w.demonyms["Japan"] if rng.random() < 0.6 else w.demonyms["South_Korea"],
        x=C.fmt1(rng.uniform(1, 40)),
        lo=C.fraction_price(rng, 8, 40),
        hq=c.attrs["hq"],
    )


def economy_more(s: Story, w: World, ckey: str, target: int) -> None:
    rng = s.rng
    d = s.meta["date"]
    last_month = C.MONTHS[(d.month - 2) % 12]  # the latest figures are last month's
    cur = {
        "United_Kingdom": "stg",
        "Japan": "yen",
        "West_Germany": "marks",
        "France": "francs",
        "Italy": "lire",
    }.get(ckey, "dlrs")
    scale = 100 if cur in ("yen", "lire") else 1
    more(
        s,
        w,
        target,
        ECONOMY_MORE,
        cb=w.central_banks.get(ckey, w.fed),
        imf=w.imf,
        cur=cur,
        g=lambda: C.pct(rng, 0.5, 9),
        g2=lambda: C.pct(rng, 0.5, 9),
        m=last_month,
        x=lambda: C.fmt1(rng.uniform(1, 20) * scale),
        x2=lambda: C.fmt1(rng.uniform(1, 20) * scale),
        n=rng.randint(3, 14),
        day=rng.choice(C.WEEKDAYS[:5]),
        bond=rng.choice(["firmed", "eased", "were steady"]),
        quiet=rng.choice(["quiet", "active", "nervous"]),
        yld=C.pct(rng, 4, 11, 2),
        region=w.regions[rng.choice(["Persian_Gulf", "Middle_East", "Latin_America"])],
    )


BANK_MORE = [
    "{c.short} had assets of {assets} billion dlrs at the end of the year.",
    "The bank said loan loss provisions rose to {x} mln dlrs in the quarter, mainly because of problem loans to borrowers in {region}.",
    "{c.short} said its exposure to {dem} debt totalled about {x} mln dlrs.",
    "Deposits grew {g} pct during the year, the bank said.",
    "{p}, chief financial officer of {c.short}, said the bank expected loan demand to remain strong in the first half.",
    "{c.short} operates {n} branches, most of them in {state}.",
    "Analysts said other large banks were expected to follow {c.short}'s move.",
    "{an}, an analyst at {firm}, said the bank's capital position was among the strongest in the industry.",
    "The bank said net interest income rose to {x} mln dlrs from {x2} mln.",
    "Earlier this year, {c.short} agreed to buy {b}, a savings institution, for {px} mln dlrs.",
]


def bank_more(s: Story, w: World, c: Ent, target: int) -> None:
    rng = s.rng
    an, firm = w.analyst(rng)
    hq = c.attrs["hq"]
    more(
        s,
        w,
        target,
        BANK_MORE,
        c=c,
        p=c.attrs["cfo"],
        an=an,
        firm=firm,
        b=w.company(rng, sector="bank"),
        assets=C.fmt1(rng.uniform(2, 90)),
        x=lambda: C.fmt1(rng.uniform(5, 400)),
        x2=C.fmt1(rng.uniform(5, 400)),
        g=C.pct(rng, 2, 15),
        n=rng.randint(12, 400),
        px=C.fmt1(rng.uniform(20, 300)),
        region=w.regions["Latin_America"],
        dem=rng.choice([w.demonyms[k] for k in ("Brazil", "Mexico", "Argentina")]),
        state=hq.attrs.get("state") or w.countries.get(c.attrs["country"], w.us),
    )


def target_words(rng: random.Random) -> int:
    return int(min(600, max(80, rng.lognormvariate(5.3, 0.55))))


COMPANY_KINDS = (
    "earnings_story",
    "merger",
    "stake",
    "management",
    "offering",
    "ratings",
    "labor",
    "prime_rate",
    "dividend",
    "earnings_table",
)


def lengthen(s: Story, w: World, kind) -> None:
    """Most stories get background paragraphs; tables and dividends only now and then."""
    rng = s.rng
    name = kind.__name__
    target = target_words(rng)
    if name in ("earnings_table", "dividend"):
        if rng.random() > 0.25:
            return
        target = min(target, rng.randint(70, 160))
    if name in COMPANY_KINDS:
        companies = {c.key for c in w.companies}
        c = next((x.ent for x in s.title if x.ent is not None and x.ent.key in companies), None)
        if c is not None:
            (bank_more if c.attrs["sector"] == "bank" else company_more)(s, w, c, target)
        return
    gpe = next((x.ent for x in s.title if x.ent is not None and x.ent.type == "GPE"), None)
    ckey = gpe.key if gpe is not None and gpe.key in w.countries else "United_States"
    economy_more(s, w, ckey, target)


KINDS = [
    (earnings_table, 24),
    (earnings_story, 9),
    (dividend, 7),
    (merger, 10),
    (stake, 5),
    (management, 5),
    (offering, 4),
    (ratings, 4),
    (forex, 8),
    (money_market, 5),
    (economy, 8),
    (trade, 5),
    (commodity, 7),
    (politics, 6),
    (labor, 3),
    (prime_rate, 3),
]


def story(rng: random.Random, w: World, index: int) -> Story:
    s = Story(rng, w, "wire")
    d = C.weekday_between(rng, date(1987, 1, 2), date(1987, 10, 30))
    kind = rng.choices([k for k, _ in KINDS], weights=[wt for _, wt in KINDS])[0]
    s.meta["date"] = d
    kind(s, w, d)
    lengthen(s, w, kind)
    s.meta.update(date=d, stamp=C.wire_stamp(rng, d), kind=kind.__name__)
    return s
