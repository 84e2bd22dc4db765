#!/usr/bin/env python3
"""Deterministic benchmark corpus for PartnershipMiner.

usage: generate_corpus.py OUT MEGABYTES [--seed N] [--repo DIR]

Writes MEGABYTES (10^6 bytes) of UTF-8 documents, 1-20 KB each, twice: as files OUT/files/dNNN/NNNNNN.txt and as one
JSON-lines archive OUT/corpus.jsonl ({"url", "text"} a line, the same texts). The same seed gives the same bytes on any
machine (Python's random with an integer seed is stable across versions).

Documents look like the project's corpus/docs: a Source line, a Date line, a headline, a dateline paragraph and body
paragraphs. One document in five carries partnership sentences (built from the templates below with real country
names and tiers from models/, plus the partnership paragraphs of corpus/docs and seeds/); one in ten of the others
says "partner" only in passing ("largest trading partner"), so the cheap first pass is exercised both ways. Body
paragraphs come from the templates below and from the paragraphs of corpus/docs and seeds/ that never say "partner".
Nothing is read from /work/shared (the evaluation set stays unseen).
"""
import argparse
import glob
import json
import os
import random
import re

PARTNERSHIP_SHARE = 0.2
PASSING_MENTION_SHARE = 0.1
MIN_BYTES, MODE_BYTES, MAX_BYTES = 1000, 3500, 20000

TIERS = [
    "strategic partnership", "comprehensive strategic partnership", "comprehensive partnership",
    "global strategic partnership", "special strategic partnership", "enhanced strategic partnership",
    "strategic and comprehensive partnership", "comprehensive strategic cooperative partnership",
    "all-round strategic partnership", "friendly partnership", "cooperative partnership",
    "comprehensive strategic partnership of coordination", "privileged strategic partnership",
    "global comprehensive strategic partnership", "strategic cooperative partnership",
]

# Partnership sentences: {a}/{b} country names, {da} a demonym, {tier}, {old} a lower tier, {year}, {day}.
PARTNERSHIP_SENTENCES = [
    "{a} and {b} agreed on {day} to establish a {tier}, the two leaders said in a joint statement.",
    "The two sides decided to upgrade {a}-{b} relations to a {tier} in {year}.",
    "{a} and {b} elevated their ties from a {old} to a {tier} during the visit.",
    "Both countries reaffirmed their commitment to the {tier} established in {year}.",
    "{a} and {b} have been strategic partners since {year}, and officials said trade had doubled since then.",
    "The {da} President said the {tier} with {b} had delivered concrete results in energy and infrastructure.",
    "{a} and {b} are expected to sign a {tier} when the Prime Minister visits next month.",
    "Officials in {capa} said {a} hoped to raise its relationship with {b} to a {tier} before the end of the year.",
    "{a} and {b} announced the establishment of a {tier} on {day}, capping two days of talks in {capa}.",
    "The joint communique said the {tier} between {a} and {b} would be deepened in trade, defence and education.",
    "Since the {tier} was launched in {year}, {a} and {b} have held annual summits and a strategic dialogue.",
    "The leaders of {a} and {b} welcomed the progress made under their {tier} and agreed to expand cooperation.",
]

HEADLINES = [
    "{a} and {b} hold talks on trade and security",
    "{da} foreign minister visits {capb}",
    "{a}, {b} sign agreements on energy and transport",
    "Leaders of {a} and {b} meet on the sidelines of the summit",
    "{a} to expand cooperation with {b} in education and health",
    "Talks in {capa} focus on regional stability",
    "{a} hosts {db} delegation for annual consultations",
]

# Body paragraphs with no partnership content.
FILLER_PARAGRAPHS = [
    "Bilateral trade between {a} and {b} reached {n1} billion US dollars last year, up {pct} percent from the year before, "
    "according to figures released by the customs authorities. Officials said the two sides would work to remove "
    "non-tariff barriers and to open new routes for agricultural exports.",
    "During the talks, the ministers discussed cooperation in energy, infrastructure, digital technology and climate "
    "change, and exchanged views on regional and international issues of common concern. They agreed to hold the next "
    "round of consultations in {capb} in {year2}.",
    "The two sides signed {n2} documents covering customs cooperation, higher education, tourism, health and the "
    "peaceful uses of outer space. A memorandum on visa facilitation for business travellers is expected to take effect "
    "early next year.",
    "The {da} delegation included the ministers of finance, trade and transport, as well as the heads of several "
    "state-owned companies. A business forum held on the margins of the visit drew more than {n3} participants.",
    "Speaking at a press conference in {capa}, the foreign minister said the government remained committed to "
    "dialogue and to the peaceful settlement of disputes in accordance with international law and the UN Charter.",
    "Analysts said the visit was part of a wider effort by {a} to diversify its foreign relations and to attract "
    "investment in ports, railways and renewable energy. Some warned that debt levels would need careful management.",
    "The leaders also discussed the situation in the Middle East and the humanitarian needs of civilians, and called "
    "for an immediate ceasefire, the release of all hostages and unhindered access for humanitarian aid.",
    "{a} has pledged to reduce its greenhouse gas emissions by {pct} percent by 2030 and to reach net zero by 2060. "
    "The two governments agreed to share expertise on solar and wind power, grid integration and green hydrogen.",
    "Cultural exchanges have grown in recent years. More than {n3} {da} students are enrolled at universities in {b}, "
    "and direct flights between {capa} and {capb} now operate {n2} times a week.",
    "The two defence ministers reviewed joint exercises, maritime security and cooperation against terrorism and "
    "transnational crime, and agreed to set up a working group on cyber security.",
    "Officials stressed that the agreements would be implemented step by step and that a joint committee would review "
    "progress every six months. The committee last met in {year2} and approved a list of priority projects.",
    "In a separate meeting, the central bank governors discussed local-currency settlement of trade and a currency "
    "swap line of {n1} billion, which officials said would shield exporters from exchange-rate swings.",
]

# A passing mention of "partner" that is no tier: such documents pass the whole-document check and no sentence check.
PASSING_MENTIONS = [
    "{b} is now {a}'s largest trading partner, ahead of the European Union and Japan, according to customs data.",
    "Development partners pledged {n1} billion US dollars at the donor conference in {capa} on {day}.",
    "The ministry said it would work with private-sector partners to train {n3} engineers over the next five years.",
]

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
AGENCIES = ["(Xinhua)", "(VNA)", "(PTI)", "(Kyodo)", "(Yonhap)", "--", "(AFP) --", "(Reuters) -"]


def load_parties(repo):
    gazetteer = json.load(open(os.path.join(repo, "models", "gazetteer.v1.json"), encoding="utf-8"))
    parties = []
    for p in gazetteer["parties"]:
        if p.get("kind") != "country" or not p.get("demonyms") or not p.get("capitals"):
            continue
        if p.get("ambiguous"):
            continue
        parties.append((p["name"], p["demonyms"][0], p["capitals"][0]))
    return parties


def load_paragraphs(repo):
    partner, other = [], []
    for folder in ("corpus/docs", "seeds"):
        for path in sorted(glob.glob(os.path.join(repo, folder, "**", "*.txt"), recursive=True)):
            for p in re.split(r"\n\s*\n", open(path, encoding="utf-8").read()):
                p = p.strip()
                if len(p) < 80 or p.startswith(("Source:", "Date:", "=", "#", "|", "- ")):
                    continue
                (partner if "partner" in p.lower() else other).append(p)
    return partner, other


class Writer:
    def __init__(self, rng, parties, partner_paragraphs, other_paragraphs):
        self.rng = rng
        self.parties = parties
        self.partner_paragraphs = partner_paragraphs
        self.other_paragraphs = other_paragraphs

    def slots(self, a, b, year):
        r = self.rng
        old, tier = sorted(r.sample(TIERS[:6], 2), key=len)
        return {
            "a": a[0], "da": a[1], "capa": a[2], "b": b[0], "db": b[1], "capb": b[2],
            "tier": tier, "old": old, "year": r.randint(max(1995, year - 20), year),
            "year2": r.randint(year - 2, year + 1), "day": r.choice(DAYS),
            "n1": r.randint(2, 180), "n2": r.randint(3, 40), "n3": r.randint(150, 4000), "pct": r.randint(2, 45),
        }

    def paragraph(self, templates, slots, sentences):
        return " ".join(self.rng.choice(templates).format(**slots) for _ in range(sentences))

    def document(self, index):
        r = self.rng
        target = int(r.triangular(MIN_BYTES, MAX_BYTES, MODE_BYTES))
        year = r.randint(2000, 2025)
        a, b = r.sample(self.parties, 2)
        s = self.slots(a, b, year)
        body = []
        if r.random() < PARTNERSHIP_SHARE:
            for _ in range(r.randint(1, 3)):
                if r.random() < 0.3:
                    body.append(r.choice(self.partner_paragraphs))
                else:
                    body.append(self.paragraph(PARTNERSHIP_SENTENCES, self.slots(a, b, year), r.randint(1, 3)))
        elif r.random() < PASSING_MENTION_SHARE:
            body.append(self.paragraph(PASSING_MENTIONS, s, 1))
        month = r.randint(1, 12)
        day = r.randint(1, 28)
        lead = (f"{a[2].upper()}, {MONTHS[month - 1]} {day} {r.choice(AGENCIES)} "
                + self.paragraph(FILLER_PARAGRAPHS, s, 1))
        size = len(lead) + sum(len(p) for p in body)
        while size < target:
            if r.random() < 0.5:
                p = r.choice(self.other_paragraphs)
            else:
                p = self.paragraph(FILLER_PARAGRAPHS, self.slots(a, b, year), 1)
            body.insert(r.randrange(len(body) + 1), p)
            size += len(p) + 2
        slug = f"{a[0]}-{b[0]}".lower().replace(" ", "-")
        head = (f"Source: https://example.org/news/{year}/{month:02d}/{day:02d}/{slug}-{index}\n"
                f"Date: {year}-{month:02d}-{day:02d}\n\n"
                f"{r.choice(HEADLINES).format(**s)}\n\n")
        return head + "\n\n".join([lead] + body) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("megabytes", type=int)
    parser.add_argument("--seed", type=int, default=20260105)
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = parser.parse_args()

    partner, other = load_paragraphs(args.repo)
    writer = Writer(random.Random(args.seed), load_parties(args.repo), partner, other)
    files = os.path.join(args.out, "files")
    os.makedirs(files, exist_ok=True)
    target = args.megabytes * 1_000_000
    total = count = 0
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8", newline="\n") as archive:
        while total < target:
            text = writer.document(count)
            data = text.encode("utf-8")
            folder = os.path.join(files, f"d{count // 1000:03d}")
            if count % 1000 == 0:
                os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"{count:06d}.txt"), "wb") as f:
                f.write(data)
            url = f"https://example.org/bench/{count:06d}"
            archive.write(json.dumps({"url": url, "text": text}, ensure_ascii=False) + "\n")
            total += len(data)
            count += 1
    print(f"{count} documents, {total / 1e6:.1f} MB in {files} and {os.path.join(args.out, 'corpus.jsonl')}")


if __name__ == "__main__":
    main()
