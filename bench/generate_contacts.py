"""Realistic generated contact exports for the import benchmark.

`python bench/generate_contacts.py OUT_DIR [--connections N] [--cards N] [--seed S]` writes
`Connections.csv` (LinkedIn's preamble, header and date format) and `contacts.vcf` (a mix of
vCard 2.1 quoted-printable and 3.0 cards, some with grouped e-mails, a folded PHOTO and a
LinkedIn social profile) into OUT_DIR.
"""

from __future__ import annotations

import argparse
import csv
import quopri
import random
from datetime import date, timedelta
from pathlib import Path

FIRST_NAMES = (
    "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Tim", "Zoë", "Jürgen", "Priya",
    "Chidi", "María", "Wei", "Aiko", "Olu", "Siobhán", "Mateus", "Fatima", "Lars", "Noor",
)  # fmt: skip
LAST_NAMES = (
    "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Berners-Lee", "Brontë",
    "Müller", "Raman", "Okafor", "González", "Zhang", "Tanaka", "Adeyemi", "O'Neill", "Silva",
    "Haddad", "Nilsson", "Rahman",
)  # fmt: skip
COMPANIES = (
    "Northwind Traders", "Contoso", "Fabrikam", "Analytical Engines", "Orbital Dynamics",
    "Kernel Works", "Café Société", "Bäckerei Müller GmbH", "Acme Inc.", "Globex",
)  # fmt: skip
TITLES = (
    "Head of Data", "Recruiter", "Software Engineer", "VP of Engineering", "Founder & CEO",
    "Senior Analyst", "Product Manager", "Account Executive", "Director of Software", "Consultant",
)  # fmt: skip
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the fields are empty. '
    "This is because we only show the data that your connections have made visible to their "
    'network."\r\n'
    "\r\n"
)
CONNECTIONS_HEADER = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
)  # fmt: skip
PHOTO_LINE = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYF"


def person(rng: random.Random, number: int) -> dict[str, str]:
    """One made-up person; `number` keeps slugs and addresses unique."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    slug = f"{first}-{last}-{number}".lower().replace("'", "")
    return {
        "first": first,
        "last": last,
        "slug": slug,
        "email": f"{slug.encode('ascii', 'ignore').decode()}@example.com",
        "company": rng.choice(COMPANIES),
        "title": rng.choice(TITLES),
    }


def connection_row(rng: random.Random, number: int) -> list[str]:
    who = person(rng, number)
    connected = date(2026, 2, 8) - timedelta(days=rng.randrange(5000))
    return [
        who["first"],
        who["last"],
        f"https://www.linkedin.com/in/{who['slug']}",
        who["email"] if rng.random() < 0.1 else "",  # members rarely share their address
        who["company"],
        who["title"],
        connected.strftime("%d %b %Y"),
    ]


def write_connections_csv(path: Path, rows: int, seed: int = 1) -> None:
    """A LinkedIn Connections.csv of `rows` connections."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write(PREAMBLE)
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CONNECTIONS_HEADER)
        for number in range(rows):
            writer.writerow(connection_row(rng, number))


def vcard_30(rng: random.Random, number: int) -> str:
    who = person(rng, number)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{who['last']};{who['first']};;;",
        f"FN:{who['first']} {who['last']}",
        f"ORG:{who['company']}",
        f"TITLE:{who['title']}",
        f"item1.EMAIL;type=INTERNET;type=pref:{who['email']}",
        "item1.X-ABLabel:_$!<Work>!$_",
        f"TEL;type=CELL:+44 7700 9{number % 100000:05d}",
        f"X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/{who['slug']}",
        "CATEGORIES:Colleagues,Conference 2025",
    ]
    if rng.random() < 0.2:
        lines.append("PHOTO;ENCODING=b;TYPE=JPEG:" + PHOTO_LINE)
        lines.extend(" " + PHOTO_LINE for _ in range(20))
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def vcard_21(rng: random.Random, number: int) -> str:
    who = person(rng, number)
    full_name = f"{who['first']} {who['last']}"
    encoded = quopri.encodestring(full_name.encode("utf-8")).decode("ascii")
    return (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{encoded}\r\n"
        f"EMAIL;PREF;INTERNET:{who['email']}\r\n"
        f"TEL;CELL;PREF:+44 7700 9{number % 100000:05d}\r\n"
        f"NOTE;ENCODING=QUOTED-PRINTABLE:Met at {who['company']}=0D=0A=\r\nfollow up\r\n"
        "END:VCARD\r\n"
    )


def write_vcards(path: Path, cards: int, seed: int = 1) -> None:
    """A vCard file of `cards` cards, about a quarter of them vCard 2.1."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        for number in range(cards):
            card = vcard_21 if rng.random() < 0.25 else vcard_30
            stream.write(card(rng, number))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_connections_csv(args.out_dir / "Connections.csv", args.connections, args.seed)
    write_vcards(args.out_dir / "contacts.vcf", args.cards, args.seed)


if __name__ == "__main__":
    main()
