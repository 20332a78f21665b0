"""The generated world: people, companies, places and institutions as `Ent`s.

Built once per seed. The invented cast is the same for both eras ("old": 1987
wire copy, "new": modern web news); only the surface forms differ ("Norbrook
Petroleum Corp" on the wire, "Norbrook Petroleum Corp." today), so one entity
keeps one key across every style.
"""

from __future__ import annotations

import random
import re

from . import names as N
from .engine import Ent


class Tpl:
    """A small template with its own slots (a person's title: "{bank} Governor")."""

    def __init__(self, template: str, **slots):
        self.template = template
        self.slots = slots


def key_of(name: str) -> str:
    return name.replace(" ", "_")


def skewed(rng: random.Random, items: list, power: float = 2.0):
    """A pick that favours the front of the list: some names recur a lot."""
    return items[int(len(items) * rng.random() ** power)]


def _split_words(block: str) -> list[str]:
    return block.split()


class World:
    def __init__(self, seed: int, era: str):
        assert era in ("old", "new")
        self.era = era
        # The cast is identical for both eras: each part draws from its own
        # generator, and era-specific entries never shift what follows.
        self.seed = seed
        self._places()
        self._institutions()
        self._people_pool(self._rng("people"))
        self._companies(self._rng("companies"))
        self._officials(self._rng("officials"))
        self._others(self._rng("others"))

    def _rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}:world:{part}")

    # ------------------------------------------------------------ places
    def _places(self) -> None:
        old = self.era == "old"
        self.states: dict[str, Ent] = {}
        for name, ap, wire in N.STATES:
            forms = {"full": name, "ap": ap, "wire": wire}
            intro = ("wire", "wire", "full") if old else ("full", "full", "ap")
            self.states[name] = Ent(
                key_of(name)
                + ("_(state)" if name in ("Washington", "New York", "Georgia") else ""),
                "GPE",
                forms,
                real=True,
                intro=intro,
                later=intro,
            )
        self.countries: dict[str, Ent] = {}
        self.demonyms: dict[str, Ent] = {}
        for line in N.COUNTRIES.strip().splitlines():
            key, full, others, dem, dem_pl, era = line.split("|")
            if era and era != self.era:
                continue
            shorts = [s for s in others.split(",") if s] or [full]
            forms = {"full": full, "short": shorts[0]}
            for i, s in enumerate(shorts):
                forms[f"s{i}"] = s
            later = tuple(f"s{i}" for i in range(len(shorts)))
            if key == "United_States":
                forms["abbr"] = "U.S."
                intro = ("s0", "s0", "s0", "full") if old else ("s0", "s1", "full", "s2")
                later = ("s0",) if old else ("s0", "s1", "s0")
            elif key == "United_Kingdom":
                intro = ("full", "s0") if old else ("full", "s1", "s2")
                later = intro
            else:
                intro = ("full",)
            self.countries[key] = Ent(key, "GPE", forms, real=True, intro=intro, later=later)
            needs_the = {
                "United States",
                "U.S.",
                "US",
                "UK",
                "U.K.",
                "Netherlands",
                "Philippines",
                "United Arab Emirates",
                "UAE",
                "Soviet Union",
                "USSR",
            }
            self.countries[key].attrs["the_forms"] = tuple(
                f for f in forms.values() if f in needs_the
            )
            if dem:
                self.demonyms[key] = Ent(
                    dem_pl,
                    "NORP",
                    {"full": dem, "plural": dem_pl},
                    real=True,
                    intro=("full",),
                    later=("full",),
                    # gold: a demonym is a mention of its country (issue 12)
                    attrs={"gold_key": key},
                )
        self.us = self.countries["United_States"]
        self.uk = self.countries["United_Kingdom"]
        self.germany = self.countries["West_Germany" if old else "Germany"]
        self.japan = self.countries["Japan"]
        self.us_cities: list[Ent] = []
        for item in _pairs(N.US_CITIES):
            city, state = item
            self.us_cities.append(self._city(city, self.states[state], real=True))
        self.towns = [self._city(c, self.states[s], real=False) for c, s in _pairs(N.TOWNS)]
        self.world_cities: list[Ent] = []
        for token in _colon_pairs(N.WORLD_CITIES):
            city, ckey = token
            if self.era == "old":
                ckey = {"Germany": "West_Germany", "Russia": "Soviet_Union"}.get(ckey, ckey)
            country = self.countries.get(ckey)
            if country is None:
                continue
            key = (
                key_of(city)
                if city not in ("Manchester", "Birmingham", "Perth")
                else f"{key_of(city)}_({ckey})"
            )
            e = Ent(key, "GPE", {"full": city, "short": city}, real=True, later=("full",))
            e.attrs["country"] = country
            self.world_cities.append(e)
        self.city_by_name = {e.forms["full"]: e for e in self.world_cities}
        for e in self.us_cities:
            self.city_by_name.setdefault(e.forms["full"], e)
        self.new_york = Ent(
            "New_York_City", "GPE", {"full": "New York", "short": "New York"}, real=True
        )
        self.new_york.attrs["state"] = self.states["New York"]
        self.washington = Ent(
            "Washington,_D.C.", "GPE", {"full": "Washington", "short": "Washington"}, real=True
        )
        self.regions = {
            k: Ent(k, "LOC", {"full": n, "short": a or n}, real=True, later=("full",))
            for k, n, a in N.REGIONS
        }
        for (
            region
        ) in self.regions.values():  # "the Middle East", "the Gulf"; "Europe", "Silicon Valley"
            if region.forms["full"] not in (
                "Europe",
                "Asia",
                "Latin America",
                "Silicon Valley",
                "Wall Street",
                "Southeast Asia",
            ):
                region.attrs["the_forms"] = (region.forms["full"], region.forms["short"])

    def _city(self, city: str, state: Ent, real: bool) -> Ent:
        key = f"{key_of(city)},_{state.key.split('_(')[0]}"
        e = Ent(key, "GPE", {"full": city, "short": city}, real=real, later=("full",))
        e.attrs["state"] = state
        e.attrs["country"] = self.us
        return e

    # ------------------------------------------------------------ institutions
    def _inst(
        self,
        key,
        typ,
        full,
        later=("short",),
        abbr=None,
        short=None,
        extra=None,
        define=False,
        intro=("full",),
        real=True,
    ) -> Ent:
        forms = {"full": full, "short": short or full}
        if abbr:
            forms["abbr"] = abbr
        forms.update(extra or {})
        return Ent(key, typ, forms, real=real, intro=intro, later=later, abbr_define=define)

    def _institutions(self) -> None:
        old = self.era == "old"
        I = self._inst  # noqa: E741 (a one-letter constructor, read like a table)
        self.fed = I(
            "Federal_Reserve",
            "ORG",
            "Federal Reserve",
            short="Fed",
            extra={"board": "Federal Reserve Board"},
            intro=("full", "full", "board"),
            later=("short", "short", "full"),
        )
        self.imf = I(
            "International_Monetary_Fund",
            "ORG",
            "International Monetary Fund",
            abbr="IMF",
            short="Fund",
            define=True,
            later=("abbr", "abbr", "short"),
        )
        self.world_bank = I(
            "World_Bank", "ORG", "World Bank", short="Bank", later=("full", "short")
        )
        self.bundesbank = I(
            "Deutsche_Bundesbank",
            "ORG",
            "Bundesbank",
            extra={"de": "Deutsche Bundesbank"},
            intro=("full", "full", "de"),
            later=("full",),
        )
        self.boj = I(
            "Bank_of_Japan",
            "ORG",
            "Bank of Japan",
            abbr="BOJ",
            define=not old,
            later=("full", "abbr") if not old else ("full",),
        )
        self.boe = I(
            "Bank_of_England", "ORG", "Bank of England", short="Bank", later=("full", "short")
        )
        self.ecb = I(
            "European_Central_Bank",
            "ORG",
            "European Central Bank",
            abbr="ECB",
            define=True,
            later=("abbr",),
        )
        self.opec = I(
            "OPEC",
            "ORG",
            "Organization of Petroleum Exporting Countries",
            abbr="OPEC",
            define=True,
            intro=("full", "abbr"),
            later=("abbr",),
        )
        self.sec = I(
            "U.S._Securities_and_Exchange_Commission",
            "ORG",
            "Securities and Exchange Commission",
            abbr="SEC",
            define=True,
            later=("abbr",),
        )
        self.ftc = I(
            "Federal_Trade_Commission",
            "ORG",
            "Federal Trade Commission",
            abbr="FTC",
            define=True,
            later=("abbr",),
        )
        self.treasury = I(
            "United_States_Department_of_the_Treasury",
            "ORG",
            "Treasury",
            extra={"us": "U.S. Treasury", "dept": "Treasury Department"},
            intro=("us", "dept", "full"),
            later=("full",),
        )
        self.usda = I(
            "United_States_Department_of_Agriculture",
            "ORG",
            "Agriculture Department",
            abbr="USDA",
            extra={"us": "U.S. Agriculture Department"},
            intro=("us", "full"),
            define=True,
            later=("full", "abbr"),
        )
        self.commerce = I(
            "United_States_Department_of_Commerce",
            "ORG",
            "Commerce Department",
            extra={"us": "U.S. Commerce Department"},
            intro=("full", "us"),
            later=("full",),
        )
        self.labor = I(
            "United_States_Department_of_Labor",
            "ORG",
            "Labor Department",
            intro=("full",),
            later=("full",),
        )
        self.congress = I("United_States_Congress", "ORG", "Congress", later=("full",))
        self.senate = I("United_States_Senate", "ORG", "Senate", later=("full",))
        self.white_house = I("White_House", "ORG", "White House", later=("full",))
        self.pentagon = I("The_Pentagon", "ORG", "Pentagon", later=("full",))
        self.navy = I(
            "United_States_Navy",
            "ORG",
            "U.S. Navy",
            short="Navy",
            extra={"us2": "US Navy", "long": "United States Navy"},
            intro=("full", "full", "us2", "long") if not old else ("full",),
            later=("short", "short", "full"),
        )
        self.army = I("United_States_Army", "ORG", "U.S. Army", short="Army", later=("short",))
        self.nato = I(
            "NATO",
            "ORG",
            "North Atlantic Treaty Organization",
            abbr="NATO",
            define=True,
            intro=("abbr", "full"),
            later=("abbr",),
        )
        self.un = I(
            "United_Nations",
            "ORG",
            "United Nations",
            abbr="U.N." if old else "UN",
            later=("abbr", "full"),
        )
        self.ec = I(
            "European_Economic_Community",
            "ORG",
            "European Community",
            abbr="EC",
            define=True,
            later=("abbr",),
        )
        self.eu = I(
            "European_Union",
            "ORG",
            "European Union",
            abbr="EU",
            later=("abbr",),
            intro=("full", "abbr"),
        )
        self.commission = I(
            "European_Commission",
            "ORG",
            "European Commission",
            short="Commission",
            later=("short", "full"),
        )
        self.gatt = I(
            "General_Agreement_on_Tariffs_and_Trade",
            "ORG",
            "General Agreement on Tariffs and Trade",
            abbr="GATT",
            define=True,
            intro=("full",),
            later=("abbr",),
        )
        self.wto = I(
            "World_Trade_Organization",
            "ORG",
            "World Trade Organization",
            abbr="WTO",
            define=True,
            later=("abbr",),
        )
        self.miti = I(
            "Ministry_of_International_Trade_and_Industry",
            "ORG",
            "Ministry of International Trade and Industry",
            abbr="MITI",
            define=True,
            later=("abbr",),
        )
        self.nyse = I(
            "New_York_Stock_Exchange",
            "ORG",
            "New York Stock Exchange",
            abbr="NYSE",
            later=("abbr", "full"),
            intro=("full", "abbr"),
        )
        self.nasdaq = I("Nasdaq", "ORG", "Nasdaq", later=("full",))
        self.tse = I("Tokyo_Stock_Exchange", "ORG", "Tokyo Stock Exchange", later=("full",))
        self.moodys = I(
            "Moody's_Investors_Service",
            "ORG",
            "Moody's Investors Service",
            short="Moody's",
            later=("short",),
        )
        self.sp = I(
            "Standard_&_Poor's",
            "ORG",
            "Standard and Poor's Corp" if old else "S&P Global Ratings",
            short="Standard and Poor's" if old else "S&P",
            later=("short",),
        )
        self.reuter = I("Reuters", "ORG", "Reuter")
        self.iea = I(
            "International_Energy_Agency",
            "ORG",
            "International Energy Agency",
            abbr="IEA",
            define=True,
            later=("abbr",),
        )
        self.bis = I(
            "Bank_for_International_Settlements",
            "ORG",
            "Bank for International Settlements",
            abbr="BIS",
            define=True,
            later=("abbr",),
        )
        self.ico = I(
            "International_Coffee_Organization",
            "ORG",
            "International Coffee Organization",
            abbr="ICO",
            define=True,
            later=("abbr",),
        )
        self.icco = I(
            "International_Cocoa_Organization",
            "ORG",
            "International Cocoa Organization",
            abbr="ICCO",
            define=True,
            later=("abbr",),
        )
        self.central_banks = {
            "United_States": self.fed,
            "Japan": self.boj,
            "United_Kingdom": self.boe,
            "Germany": self.bundesbank,
            "West_Germany": self.bundesbank,
        }
        for ckey, full, abbr in (
            ("France", "Bank of France", ""),
            ("Canada", "Bank of Canada", ""),
            ("Switzerland", "Swiss National Bank", "SNB"),
            ("Australia", "Reserve Bank of Australia", "RBA"),
            ("India", "Reserve Bank of India", "RBI"),
            ("South_Korea", "Bank of Korea", ""),
            ("Brazil", "Central Bank of Brazil", ""),
            ("Sweden", "Riksbank", ""),
            ("Norway", "Norges Bank", ""),
            ("Netherlands", "Netherlands Bank", ""),
            ("Italy", "Bank of Italy", ""),
            ("Mexico", "Bank of Mexico", ""),
            ("China", "People's Bank of China", "PBOC"),
        ):
            if ckey in self.countries:
                self.central_banks[ckey] = I(
                    key_of(full),
                    "ORG",
                    full,
                    abbr=abbr or None,
                    define=bool(abbr) and not old,
                    later=("abbr", "full") if abbr else ("full",),
                )
        self.parties = [
            Ent(k, "NORP", {"full": s, "plural": p}, real=True, later=("full",))
            for k, s, p in N.PARTIES
        ]

    # ------------------------------------------------------------ people
    def _people_pool(self, rng: random.Random) -> None:
        firsts = _split_words(N.FIRST)
        surnames = _split_words(N.SURNAMES) + N.SURNAMES_COMPOUND
        seen: set[str] = set()
        self.people: list[Ent] = []
        while len(self.people) < 6000:
            first, last = rng.choice(firsts), rng.choice(surnames)
            full = f"{first} {last}"
            if full in seen:
                continue
            seen.add(full)
            forms = {"full": full, "short": last, "first": first}
            intro = ("full",)
            if rng.random() < 0.18:
                forms["initial"] = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
                intro = ("initial",)
            self.people.append(Ent(key_of(full), "PERSON", forms, intro=intro, later=("short",)))
        self._next_person = 0
        self.by_first: dict[str, list[Ent]] = {}
        for p in self.people:
            self.by_first.setdefault(p.forms["first"], []).append(p)

    def person(self) -> Ent:
        """The next unused person of the pool (each has one role in the world)."""
        p = self.people[self._next_person]  # IndexError rather than one person in two roles
        self._next_person += 1
        return p

    def minor(self, rng: random.Random) -> Ent:
        """Someone with no fixed role: a dealer, a resident, an investor."""
        return skewed(rng, self.residents, 1.2)

    # ------------------------------------------------------------ companies
    def _companies(self, rng: random.Random) -> None:
        old = self.era == "old"
        self.companies: list[Ent] = []
        used: set[str] = set()
        country_weights = (
            ["United_States"] * 12
            + ["United_Kingdom"] * 3
            + ["Japan"] * 3
            + ["Germany"] * 2
            + ["Canada"] * 2
            + ["France", "Netherlands", "Switzerland", "Australia"]
        )
        sectors = list(N.SECTORS)
        while len(self.companies) < 420:
            if rng.random() < 0.25:
                root = rng.choice(_split_words(N.SURNAMES))
                if "'" in root and rng.random() < 0.5:
                    root = rng.choice(N.ROOT_A) + rng.choice(N.ROOT_B)
            else:
                root = rng.choice(N.ROOT_A) + rng.choice(N.ROOT_B)
            sector = rng.choice(sectors)
            word = rng.choice(N.SECTORS[sector])
            country = rng.choice(country_weights)
            wire_legal = rng.choice(N.LEGAL[country][0])
            short_legal, long_legal = rng.choice(N.LEGAL[country][1])
            base = f"{root} {word}"
            if base in used or root in used:
                continue
            used.add(base)
            used.add(root)
            wire_full = f"{base} {wire_legal}"
            full = f"{base} {long_legal}" if not long_legal.startswith(",") else base + long_legal
            if long_legal == "Co., Ltd.":
                full = f"{base} Co., Ltd."
            legal = f"{base} {short_legal}"
            forms = {"wire": wire_full, "full": full, "legal": legal, "short": root, "mid": base}
            abbr = None
            if rng.random() < 0.12 and len(base.split()) == 2:
                abbr = "".join(w[0] for w in base.split()) + wire_legal[0]
                forms["abbr"] = abbr
            if old:
                forms["full"] = wire_full
                intro, later = ("full",), ("short", "short", "mid")
            else:
                intro, later = ("full", "legal", "legal"), ("short", "short", "mid")
            c = Ent(key_of(full), "ORG", forms, intro=intro, later=later, abbr_define=bool(abbr))
            c.attrs.update(
                sector=sector,
                country=country,
                root=root,
                ticker=(root[:4] if rng.random() < 0.5 else root[:3] + word[0]).upper(),
            )
            self.companies.append(c)
        for key, full, legal, short, wire, country, sector, extra, era in N.REAL_COMPANIES:
            forms = {
                "full": wire if old else full,
                "legal": wire if old else legal,
                "short": short,
                "mid": short,
            }
            later = ("short",) if not extra else ("short", "short", "extra")
            if extra:
                forms["extra"] = extra
            c = Ent(
                key,
                "ORG",
                forms,
                real=True,
                intro=("full", "legal") if not old else ("full",),
                later=later,
            )
            c.attrs.update(
                sector=sector,
                country=country,
                root=short,
                ticker=short.upper().replace(" ", "")[:4].replace("É", "E"),
            )
            c.attrs["era"] = era or ("new" if not wire else "")
            self.companies.insert(rng.randrange(0, 60), c)  # real ones recur often
        for c in self.companies:
            c.attrs["ceo"] = self.person()
            c.attrs["cfo"] = self.person()
            c.attrs["chairman"] = self.person() if rng.random() < 0.6 else c.attrs["ceo"]
            c.attrs["spokes"] = self.person()
            c.attrs["president"] = self.person() if rng.random() < 0.5 else c.attrs["ceo"]
            crng = random.Random(f"{self.seed}:company:{c.key}")
            c.attrs["hq"] = self.hq_for(crng, c.attrs["country"])
            c.attrs["products"] = self._products(crng, c)
        self.companies = [c for c in self.companies if c.attrs.get("era", "") in ("", self.era)]

    def hq_for(self, rng: random.Random, country: str) -> Ent:
        if country == "United_States":
            pool = self.us_cities + self.towns
            return rng.choice(pool)
        if country == "Germany":
            country = self.germany.key
        cities = [e for e in self.world_cities if e.attrs["country"].key == country]
        return rng.choice(cities) if cities else rng.choice(self.world_cities)

    def _products(self, rng: random.Random, c: Ent) -> list[Ent]:
        kinds = N.PRODUCT_KINDS.get(c.attrs["sector"])
        if not kinds:
            return []
        out = []
        for _ in range(rng.randint(1, 3)):
            name = f"{rng.choice(N.PRODUCT_WORDS_A)} {rng.choice(N.PRODUCT_WORDS_B)}"
            full = f"{c.attrs['root']} {name}"
            p = Ent(
                key_of(full),
                "PRODUCT",
                {"full": full, "short": name},
                intro=("full", "short"),
                later=("short",),
            )
            p.attrs["kind"] = rng.choice(kinds)
            p.attrs["maker"] = c
            out.append(p)
        return out

    # ------------------------------------------------------------ officials
    def _officials(self, rng: random.Random) -> None:
        self.officials: dict[str, dict[str, tuple[Ent, Tpl]]] = {}
        for line in N.COUNTRIES.strip().splitlines():  # every era's countries: a fixed draw
            ckey = line.split("|")[0]
            country = self.countries.get(ckey) or Ent(
                ckey, "GPE", {"full": line.split("|")[1]}, real=True
            )
            roles = {}
            leader_title = {
                "United_States": "President",
                "Germany": "Chancellor",
                "West_Germany": "Chancellor",
                "France": "President",
                "Brazil": "President",
                "Mexico": "President",
                "Russia": "President",
                "Soviet_Union": "Soviet leader",
                "China": "Premier",
                "Saudi_Arabia": "King",
                "Kuwait": "Emir",
            }.get(ckey, "Prime Minister")
            roles["leader"] = Tpl(leader_title)
            if ckey == "United_States":
                roles["finance"] = Tpl("{t} Secretary", t=self.treasury)
                roles["trade"] = Tpl("{us} Trade Representative", us=country)
                roles["defense"] = Tpl("Defense Secretary")
                roles["foreign"] = Tpl("Secretary of State")
                roles["bank"] = Tpl("{b} Chairman", b=self.fed)
                roles["agri"] = Tpl("Agriculture Secretary")
            else:
                dem = self.demonyms.get(ckey)
                roles["finance"] = (
                    Tpl("{d} Finance Minister", d=dem)
                    if dem and rng.random() < 0.5
                    else Tpl("Finance Minister")
                )
                roles["trade"] = Tpl("Trade Minister")
                roles["defense"] = Tpl("Defense Minister")
                roles["foreign"] = Tpl("Foreign Minister")
                bank = self.central_banks.get(ckey)
                roles["bank"] = (
                    Tpl("{b} Governor", b=bank) if bank else Tpl("central bank governor")
                )
                roles["agri"] = Tpl("Agriculture Minister")
            self.officials[ckey] = {r: (self.person(), t) for r, t in roles.items()}

    def official(self, country: str, role: str) -> tuple[Ent, Tpl]:
        return self.officials[country][role]

    # ------------------------------------------------------------ others
    def _others(self, rng: random.Random) -> None:
        old = self.era == "old"
        banks = N.BANKS_OLD if old else N.BANKS_REAL
        self.banks = [
            Ent(k, "ORG", {"full": n, "short": s}, real=True, later=("short",)) for k, n, s in banks
        ]
        self.research = []
        for name in (
            "Harwell Research",
            "Castellan Partners",
            "Greyfield Economics",
            "Tanager Securities",
            "Pinehurst Analytics",
            "Baird-Lowe Advisors",
            "Ostrom Capital Markets",
            "Kellner & Voss",
        ):
            self.research.append(
                Ent(
                    key_of(name),
                    "ORG",
                    {"full": name, "short": name.split()[0]},
                    later=("full", "short"),
                )
            )
        self.analysts = [
            (self.person(), rng.choice(self.banks + self.research if i % 3 else self.research))
            for i in range(160)
        ]
        self.universities = []
        for root in N.UNIVERSITY_ROOTS:
            name = f"{root} University" if rng.random() < 0.6 else f"University of {root}"
            u = Ent(key_of(name), "ORG", {"full": name, "short": name}, later=("full",))
            u.attrs["town"] = rng.choice(self.us_cities + self.towns)
            self.universities.append(u)
        self.professors = [(self.person(), rng.choice(self.universities)) for _ in range(60)]
        self.unions = []
        for full, abbr in N.UNIONS:
            u = Ent(
                key_of(full),
                "ORG",
                {"full": full, "abbr": abbr, "short": abbr},
                intro=("full",),
                later=("abbr",),
                abbr_define=True,
            )
            u.attrs["leader"] = self.person()
            self.unions.append(u)
        self.senators = []
        for _ in range(40):
            p = self.person()
            p.attrs["state"] = rng.choice(list(self.states.values()))
            p.attrs["party"] = rng.choice(self.parties)
            self.senators.append(p)
        self.officers = []
        for rank, branch in (
            ("Admiral", self.navy),
            ("Rear Admiral", self.navy),
            ("General", self.army),
            ("Lieutenant General", self.army),
            ("Vice Admiral", self.navy),
            ("Colonel", self.army),
        ):
            for _ in range(3):
                self.officers.append((self.person(), rank, branch))
        self.residents = [self.person() for _ in range(300)]
        self.reporters = [self.person() for _ in range(60)]
        self.governors = {}
        for st in self.states.values():
            self.governors[st.key] = self.person()
        self.mayors = {}
        for city in self.us_cities + self.towns:
            self.mayors[city.key] = self.person()
        self.fbi = self._inst(
            "Federal_Bureau_of_Investigation",
            "ORG",
            "Federal Bureau of Investigation",
            abbr="FBI",
            define=True,
            intro=("full", "abbr"),
            later=("abbr",),
        )
        self.doe = self._inst(
            "United_States_Department_of_Energy",
            "ORG",
            "Department of Energy",
            extra={"e": "Energy Department"},
            intro=("full", "e"),
            later=("e",),
        )
        self.vcs = []
        for name in (
            "Northwind Ventures",
            "Foxglove Capital",
            "Ironbark Partners",
            "Saltgrass Ventures",
            "Meridian Peak Capital",
            "Lantern Hill Ventures",
            "Quarry Lane Capital",
            "Bluefin Growth",
        ):
            self.vcs.append(
                Ent(
                    key_of(name),
                    "ORG",
                    {"full": name, "short": name.split()[0]},
                    later=("short", "full"),
                )
            )
        self.startups = []
        for _i in range(50):
            root = rng.choice(N.ROOT_A) + rng.choice(
                ["ly", "io", "ra", "sy", "va", "ko", "mi", "za"]
            )
            st = Ent(
                key_of(root + "_(startup)"), "ORG", {"full": root, "short": root}, later=("full",)
            )
            st.attrs.update(
                founder=self.person(),
                cofounder=self.person(),
                city=rng.choice(self.us_cities[:50] + self.world_cities[:30]),
                field=rng.choice(
                    [
                        "payments",
                        "battery recycling",
                        "logistics software",
                        "AI chips",
                        "crop analytics",
                        "cybersecurity",
                        "telehealth",
                        "carbon accounting",
                        "industrial robotics",
                        "satellite imaging",
                    ]
                ),
            )
            self.startups.append(st)
        self.sources = N.NEWS_SOURCES

    # ------------------------------------------------------------ picks
    def company(
        self, rng: random.Random, sector: str | None = None, country: str | None = None
    ) -> Ent:
        pool = self.companies
        if sector or country:
            pool = [
                c
                for c in self.companies
                if (not sector or c.attrs["sector"] == sector)
                and (not country or c.attrs["country"] == country)
            ]
            pool = pool or self.companies
        return skewed(rng, pool, 1.6)

    def two_companies(self, rng: random.Random, sector: str | None = None) -> tuple[Ent, Ent]:
        a = self.company(rng, sector)
        b = a
        while b is a:
            b = self.company(rng, sector if rng.random() < 0.6 else None)
        return a, b

    def analyst(self, rng: random.Random) -> tuple[Ent, Ent]:
        return skewed(rng, self.analysts, 1.4)

    def namesake(self, rng: random.Random, person: Ent, pool: list[Ent]) -> Ent | None:
        """Someone in `pool` who shares `person`'s first name, if any."""
        same = [
            p for p in self.by_first.get(person.forms["first"], []) if p is not person and p in pool
        ]
        return rng.choice(same) if same else None

    def country(self, key: str) -> Ent:
        return self.countries[key]

    def city_of(self, company: Ent) -> Ent:
        return company.attrs["hq"]


def _pairs(block: str) -> list[tuple[str, str]]:
    """'Houston,Texas Charlotte,North Carolina' -> [(Houston, Texas), ...]."""
    states = sorted((s[0] for s in N.STATES), key=len, reverse=True)
    pattern = re.compile(r"\s*([^,]+?),(" + "|".join(map(re.escape, states)) + r")(?=\s|$)")
    return [(m.group(1), m.group(2)) for m in pattern.finditer(" ".join(block.split()))]


def _colon_pairs(block: str) -> list[tuple[str, str]]:
    out = []
    buf: list[str] = []
    for tok in block.split():
        buf.append(tok)
        if ":" in tok:
            city, _, country = " ".join(buf).partition(":")
            out.append((city, country))
            buf = []
    return out
