#!/usr/bin/env python3
"""Measures `qrdesk payload lint` both ways on a corpus.

    scripts/payload-corpus.py N [QRDESK]

Good payloads, N per scheme, are made by code that is not qrdesk's: Python's qrbill (Swiss QR-bill), segno's EPC
helper, the promptpay package, and this script's own builders for PIX, PayNow, VietQR, SPAYD and UPI (written
from the published formats, with python-stdnum's check digits). Each must lint clean: a refusal is a false
refusal. Each is then damaged in ways a payer could lose money to: EMV codes get every kind of single-character
substitution at a random place, a dropped mandatory tag (CRC recomputed), a length off by one (CRC recomputed) and
a corrupted CRC; line schemes and SPAYD/UPI get a mistyped account (IBAN or VPA), a mistyped reference, an amount
out of range, a missing mandatory line or key. Each damaged payload must be refused: one accepted is let through.
"""
import json
import random
import string
import subprocess
import sys
from decimal import Decimal

import segno.helpers
from promptpay import qrcode as promptpay
from qrbill import QRBill
from stdnum import iban as stdiban
from stdnum.br import cnpj, cpf
from stdnum.ch import esr
from stdnum.iso7064 import mod_97_10

N = int(sys.argv[1]) if len(sys.argv) > 1 else 50
QRDESK = sys.argv[2] if len(sys.argv) > 2 else ".build/release/qrdesk"
rng = random.Random(17)


def crc16(data: bytes) -> str:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return "%04X" % crc


def tlv(tag, value):
    return "%s%02d%s" % (tag, len(value), value)


def emv(objects):
    body = "".join(tlv(t, v) for t, v in objects if v is not None) + "6304"
    return body + crc16(body.encode())


def digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def words(limit):
    text = " ".join(rng.choice(["Salao", "Studio", "Nova", "Bela", "Luna", "Spa", "Clinic", "Hair", "Corte"])
                    for _ in range(rng.randint(1, 3)))
    return text[:limit].strip() or "X"


def amount(low=1, high=99999, places=2):
    value = Decimal(rng.randint(low * 100, high * 100)) / 100
    return str(value.quantize(Decimal(10) ** -places)) if places else str(int(value))


def iban(country, length):
    bban = digits(length - 4)
    return country + mod_97_10.calc_check_digits(bban + country) + bban


def pix():
    kind = rng.choice(["cpf", "cnpj", "phone", "email", "uuid"])
    key = {"cpf": lambda: (lambda v: v + cpf._calc_check_digits(v))(digits(9)),
           "cnpj": lambda: (lambda v: v + cnpj.calc_check_digits(v))(digits(12)),
           "phone": lambda: "+55" + digits(11),
           "email": lambda: "salon%s@example.com" % digits(3),
           "uuid": lambda: "%08x-%04x-4%03x-a%03x-%012x" % tuple(rng.getrandbits(b) for b in (32, 16, 12, 12, 48))}[kind]()
    account = tlv("00", "br.gov.bcb.pix") + tlv("01", key)
    return emv([("00", "01"), ("26", account), ("52", "0000"), ("53", "986"),
                ("54", amount() if rng.random() < 0.7 else None), ("58", "BR"), ("59", words(25)),
                ("60", rng.choice(["SAO PAULO", "RIO", "RECIFE"])), ("62", tlv("05", rng.choice(["***", "VISIT" + digits(4)])))])


def paynow():
    uen = rng.random() < 0.5
    proxy = ("2", digits(9) + "W") if uen else ("0", "+65" + digits(8))
    money = amount() if rng.random() < 0.7 else None
    account = tlv("00", "SG.PAYNOW") + tlv("01", proxy[0]) + tlv("02", proxy[1]) + tlv("03", "0" if money else "1")
    return emv([("00", "01"), ("01", "12" if money else "11"), ("26", account), ("52", "0000"), ("53", "702"),
                ("54", money), ("58", "SG"), ("59", words(25).upper()), ("60", "Singapore")])


def vietqr():
    money = amount(1000, 9000000, 0) if rng.random() < 0.7 else None
    beneficiary = tlv("00", "9704" + digits(2)) + tlv("01", digits(rng.randint(6, 19)))
    template = tlv("00", "A000000727") + tlv("01", beneficiary) + tlv("02", "QRIBFTTA")
    return emv([("00", "01"), ("01", "12" if money else "11"), ("38", template), ("53", "704"), ("54", money),
                ("58", "VN"), ("62", tlv("08", "thanh toan " + digits(4)))])


def promptpay_code():
    if rng.random() < 0.5:
        target = "08" + digits(8)
    else:
        target = digits(13)
    money = float(amount()) if rng.random() < 0.6 else None
    return promptpay.generate_payload(target, money)


def epc():
    use_text = rng.random() < 0.5
    data = segno.helpers._make_epc_qr_data(
        name=words(70), iban=iban("DE", 22), amount=Decimal(amount()),
        text="Termin " + digits(4) if use_text else None,
        reference=None if use_text else (lambda body: "RF" + mod_97_10.calc_check_digits(body + "RF") + body)(digits(12)),
        bic=None, purpose=None, encoding=1)
    return data.decode()


def swiss():
    qr_iban = rng.random() < 0.5
    if qr_iban:
        account = iban("CH", 21)
        while not (30000 <= int(account[4:9]) <= 31999):
            bban = "3" + rng.choice("01") + digits(15)
            account = "CH" + mod_97_10.calc_check_digits(bban + "CH") + bban
        reference = (lambda v: v + esr.calc_check_digit(v))(digits(26))
    else:
        account = iban("CH", 21)
        while 30000 <= int(account[4:9]) <= 31999:
            account = iban("CH", 21)
        reference = None
    bill = QRBill(account=account, creditor={"name": words(70), "street": "Bahnhofstrasse", "house_num": digits(2),
                                             "pcode": digits(4), "city": "Zuerich", "country": "CH"},
                  amount=amount() if rng.random() < 0.7 else None, currency=rng.choice(["CHF", "EUR"]),
                  reference_number=reference, additional_information="Rechnung " + digits(4))
    return bill.qr_data()


def spayd():
    parts = ["ACC:" + iban("CZ", 24), "AM:" + amount(), "CC:CZK", "MSG:" + words(60).replace("*", "%2A"),
             "X-VS:" + digits(rng.randint(1, 10))]
    return "SPD*1.0*" + "*".join(parts)


def upi():
    from urllib.parse import quote
    pairs = ["pa=salon%s@okaxis" % digits(3), "pn=" + quote(words(40), safe=""), "am=" + amount(), "cu=INR",
             "tn=" + quote("Visit " + digits(4), safe="")]
    return "upi://pay?" + "&".join(pairs)


BUILDERS = {"pix": pix, "promptpay": promptpay_code, "paynow": paynow, "vietqr": vietqr, "epc": epc,
            "swiss": swiss, "spayd": spayd, "upi": upi}


def parse_emv(text):
    objects, rest = [], text
    while len(rest) >= 4:
        tag, length = rest[:2], int(rest[2:4])
        objects.append((tag, rest[4:4 + length]))
        rest = rest[4 + length:]
    return objects[:-1]


def flip_one(text, alphabet):
    i = rng.randrange(len(text))
    replacement = rng.choice([c for c in alphabet if c != text[i]])
    return text[:i] + replacement + text[i + 1:]


def damage(scheme, text):
    damaged = []
    if scheme in ("pix", "promptpay", "paynow", "vietqr"):
        damaged.append(flip_one(text, string.ascii_letters + string.digits + " .*"))
        objects = parse_emv(text)
        mandatory = {"pix": ["26", "53", "58", "59", "60"], "promptpay": ["29", "53", "58"],
                     "paynow": ["26", "53", "58", "59", "60"], "vietqr": ["38", "53", "58"]}[scheme]
        drop = rng.choice(mandatory)
        damaged.append(emv([(t, v) for t, v in objects if t != drop]))
        tag, value = rng.choice([o for o in objects if o[0] not in ("00",)])
        wrong = len(value) + rng.choice([-1, 1])
        body = "".join(("%s%02d%s" % (t, wrong, v)) if (t, v) == (tag, value) else tlv(t, v) for t, v in objects)
        damaged.append(body + "6304" + crc16((body + "6304").encode()))
        damaged.append(text[:-4] + ("0000" if text[-4:] != "0000" else "FFFF"))
    else:
        account = {"epc": 6, "swiss": 3}.get(scheme)
        separator = "\r\n" if "\r\n" in text else "\n"
        if account is not None:
            lines = text.split(separator)
            iban_line = lines[account]
            i = rng.randrange(4, len(iban_line))
            lines[account] = iban_line[:i] + rng.choice([d for d in string.digits if d != iban_line[i]]) + iban_line[i + 1:]
            damaged.append(separator.join(lines))
            lines = text.split(separator)
            if scheme == "epc":
                lines[7] = "EUR1000000000"
            else:
                lines[18] = "1000000000.00"
            damaged.append(separator.join(lines))
            lines = text.split(separator)
            del lines[account]
            damaged.append(separator.join(lines))
            if scheme == "swiss" and lines[27] == "QRR":
                lines = text.split(separator)
                lines[28] = flip_one(lines[28], string.digits)
                damaged.append(separator.join(lines))
        elif scheme == "spayd":
            acc = text.split("*")[2]
            i = rng.randrange(8, len(acc))
            damaged.append(text.replace(acc, acc[:i] + rng.choice([d for d in string.digits if d != acc[i]]) + acc[i + 1:]))
            damaged.append(text.replace("*MSG:", "*MSG:a*b "))
            damaged.append(text.replace("ACC:", "ACX:"))
        elif scheme == "upi":
            damaged.append(text.replace("@okaxis", ""))
            damaged.append(text.replace("cu=INR", "cu=USD"))
            damaged.append(text.replace("am=", "am=-"))
    return damaged


def lint(text):
    result = subprocess.run([QRDESK, "payload", "lint", "--json", text], capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit("payload-corpus: qrdesk exited %d on %r: %s" % (result.returncode, text, result.stderr))
    return result.returncode == 0, json.loads(result.stdout)


good = refused = bad = let_through = 0
for scheme, builder in BUILDERS.items():
    for _ in range(N):
        text = builder()
        clean, report = lint(text)
        good += 1
        if not clean:
            refused += 1
            print("refused (%s): %r %s" % (scheme, text, report["problems"]))
        for broken in damage(scheme, text):
            if broken == text:
                continue
            clean, _ = lint(broken)
            bad += 1
            if clean:
                let_through += 1
                print("let through (%s): %r" % (scheme, broken))
print("payload-corpus: %d good payloads from independent builders, %d refused; %d damaged, %d let through"
      % (good, refused, bad, let_through))
sys.exit(1 if refused or let_through else 0)
