"""Write a realistic mbox for the mail benchmarks.

Each message is 15-20 KB: RFC 2047 encoded names, multipart/mixed bodies with a text part, an
HTML part and a base64 attachment, replies with In-Reply-To, mailing-list and automated mail,
and now and then an unescaped "From " line in a body (as mboxo writers leave them).

    python -m bench.generate_mbox OUT.mbox [N]
"""

from __future__ import annotations

import base64
import random
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

OWNER = "Sam Owner <sam.owner@example.org>"
FIRST_NAMES = ("Ana", "Jürgen", "Zoë", "Chloé", "Wei", "Priya", "Olu", "Marta", "Léa", "Tom")
LAST_NAMES = ("Müller", "Ng", "Okafor", "Ferreira", "Nowak", "Smith", "Sørensen", "Kowalski")
CONTACTS = 400
ATTACHMENT_BYTES = (9_000, 12_000)
START = datetime(2015, 1, 1, 9, 0, tzinfo=UTC)


def encoded_name(name: str, rng: random.Random) -> str:
    """A display name as mailers write it: plain, quoted, or an RFC 2047 B or Q word."""
    if name.isascii():
        return f'"{name}"' if rng.random() < 0.5 else name
    if rng.random() < 0.5:
        return "=?utf-8?B?" + base64.b64encode(name.encode()).decode() + "?="
    quoted = "".join(
        c if c.isascii() and c.isalnum() else "".join(f"={b:02X}" for b in c.encode()) for c in name
    )
    return f"=?utf-8?Q?{quoted}?="


def contact(index: int, rng: random.Random) -> str:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{encoded_name(f'{first} {last}', rng)} <person{index}@example.net>"


def headers(number: int, rng: random.Random) -> list[str]:
    """The header lines of message `number`: personal, sent, list or automated mail."""
    when = START + timedelta(minutes=37 * number)
    other = contact(rng.randrange(CONTACTS), rng)
    kind = rng.random()
    sender, recipient = (OWNER, other) if kind < 0.25 else (other, OWNER)
    lines = [
        f"From: {sender}",
        f"To: {recipient}",
        f"Cc: {contact(rng.randrange(CONTACTS), rng)}" if rng.random() < 0.3 else "",
        f"Subject: {'Re: ' if number % 3 else ''}Project update {number}",
        f"Date: {format_datetime(when)}",
        f"Message-ID: <msg{number}.{rng.getrandbits(32):08x}@mail.example.net>",
        f"In-Reply-To: <msg{number - 1}@mail.example.net>" if number % 3 else "",
    ]
    if 0.80 <= kind < 0.90:
        lines += ["List-Id: Team news <news.example.net>", "Precedence: list"]
    elif kind >= 0.90:
        lines[0] = "From: Notifications <no-reply@service.example.com>"
        lines.append("Auto-Submitted: auto-generated")
    received = "Received: from mx.example.net by mail.example.org with ESMTPS; " + lines[4][6:]
    return [received, received, *(line for line in lines if line), "MIME-Version: 1.0"]


def body(number: int, rng: random.Random) -> str:
    boundary = f"=_part_{number}_{rng.getrandbits(40):010x}"
    text = f"Hello,\n\nhere is the update for week {number % 52}.\n\n"
    if number % 17 == 0:
        text += "From here on the plan changes.\nNext: we meet on Monday.\n\n"
    attachment = base64.encodebytes(rng.randbytes(rng.randint(*ATTACHMENT_BYTES))).decode()
    return (
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
        f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{text * 6}\n"
        f"--{boundary}\nContent-Type: text/html; charset=utf-8\n\n<p>{text * 4}</p>\n"
        f"--{boundary}\nContent-Type: application/pdf; name=report{number}.pdf\n"
        f"Content-Transfer-Encoding: base64\n"
        f'Content-Disposition: attachment; filename="report{number}.pdf"\n\n'
        f"{attachment}\n--{boundary}--\n"
    )


def write_mbox(path: Path, count: int, *, seed: int = 5) -> int:
    """Write `count` messages to `path`; the number of bytes written."""
    rng = random.Random(seed)
    written = 0
    with path.open("wb") as out:
        for number in range(count):
            postmark = f"From person@example.net {START.strftime('%a %b %d %H:%M:%S %Y')}\n"
            message = postmark + "\n".join(headers(number, rng)) + "\n" + body(number, rng) + "\n"
            written += out.write(message.encode("utf-8"))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    size = write_mbox(target, total)
    print(f"{total:,} messages, {size / 1e6:.1f} MB -> {target}")
