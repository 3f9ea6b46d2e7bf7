import Foundation
import QRDeskCore
import Testing
import TestSupport

/// qrdesk's payloads and check digits against independent implementations that are not code of ours: Python's
/// `qrbill` (Swiss QR-bill), `segno.helpers` (EPC), `promptpay` (PyPI), `python-stdnum` and `schwifty`.
@Suite struct PaymentCrossCheckTests {
    func python(_ script: String, _ arguments: [String] = []) throws -> String {
        let result = try TestSupport.run("python3", ["-c", script] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// qrdesk's payload from `fields` equals what `script` prints given the same fields as JSON.
    func expectSamePayload(_ scheme: PaymentScheme, _ fields: [String: String], as script: String) throws {
        let json = String(
            decoding: try JSONSerialization.data(withJSONObject: fields, options: .sortedKeys), as: UTF8.self)
        let theirs = try python(script, [json])
        #expect(try PayloadBuilder.build(scheme, SchemeFieldValues(fields)).text == theirs, "\(fields)")
    }

    @Test func swissBillsMatchPythonQRBill() throws {
        let creditor = [
            "creditor-name": "Robert Schneider AG", "creditor-street": "Rue du Lac", "creditor-building": "1268",
            "creditor-postcode": "2501", "creditor-town": "Biel", "creditor-country": "CH",
        ]
        let debtor = [
            "debtor-name": "Pia-Maria Rutschmann-Schnyder", "debtor-street": "Grosse Marktgasse",
            "debtor-building": "28", "debtor-postcode": "9400", "debtor-town": "Rorschach", "debtor-country": "CH",
        ]
        let bills: [[String: String]] = [
            creditor.merging(debtor) { a, _ in a }.merging([
                "iban": "CH44 3199 9123 0008 8901 2", "amount": "1949.75", "currency": "CHF",
                "reference": "210000000003139471430009017", "message": "Instruction of 15.09.2019",
            ]) { a, _ in a },
            creditor.merging([
                "iban": "CH93 0076 2011 6238 5295 7", "amount": "85.00", "currency": "EUR",
                "reference": "RF18539007547034",
            ]) { a, _ in a },
            creditor.merging(["iban": "CH9300762011623852957", "currency": "CHF", "message": "Massage 45 min"]) {
                a, _ in a
            },
        ]
        let script = """
            import json, sys
            from qrbill import QRBill
            b = json.loads(sys.argv[1])
            def party(p):
                if p + '-name' not in b: return None
                return {'name': b[p + '-name'], 'street': b.get(p + '-street'), 'house_num': b.get(p + '-building'),
                        'pcode': b[p + '-postcode'], 'city': b[p + '-town'], 'country': b[p + '-country']}
            bill = QRBill(account=b['iban'], creditor=party('creditor'), debtor=party('debtor'), amount=b.get('amount'),
                          currency=b['currency'], reference_number=b.get('reference'),
                          additional_information=b.get('message', ''))
            sys.stdout.write(bill.qr_data())
            """
        for bill in bills { try expectSamePayload(.swiss, bill, as: script) }
    }

    @Test func epcCodesMatchSegno() throws {
        let cases: [[String: String]] = [
            [
                "name": "Wikimedia Foerdergesellschaft", "iban": "DE33100205000001194700", "bic": "BFSWDE33BER",
                "amount": "20", "text": "Spende fuer Wikipedia",
            ],
            [
                "name": "Franz Mustermänn", "iban": "DE71110220330123456789", "amount": "12.30",
                "reference": "RF18539007547034", "purpose": "GDDS",
            ],
            ["name": "Salon Nova", "iban": "AT611904300234573201", "amount": "999999999.99", "text": "Termin 4711"],
        ]
        let script = """
            import json, sys
            import segno.helpers as h
            c = json.loads(sys.argv[1])
            data = h._make_epc_qr_data(name=c['name'], iban=c['iban'], amount=c['amount'], text=c.get('text'),
                                       reference=c.get('reference'), bic=c.get('bic'), purpose=c.get('purpose'),
                                       encoding=1)
            sys.stdout.buffer.write(data)
            """
        for values in cases { try expectSamePayload(.epc, values, as: script) }
    }

    @Test func promptPayMatchesThePyPIPackage() throws {
        let cases: [(fields: [String: String], id: String, amount: String?)] = [
            (["phone": "0812345678"], "0812345678", nil),
            (["phone": "0812345678", "amount": "150.50"], "0812345678", "150.50"),
            (["national-id": "1234567890123"], "1234567890123", nil),
            (["ewallet": "123456789012345", "amount": "99"], "123456789012345", "99"),
        ]
        for (fields, id, amount) in cases {
            let script = """
                import sys
                from decimal import Decimal
                from promptpay import qrcode
                amount = sys.argv[2]
                sys.stdout.write(qrcode.generate_payload(sys.argv[1], float(Decimal(amount)) if amount else None))
                """
            let theirs = try python(script, [id, amount ?? ""])
            let ours = try PayloadBuilder.build(.promptpay, SchemeFieldValues(fields)).text
            #expect(ours == theirs, "\(id) \(amount ?? "")")
        }
    }

    /// Check digits judged by stdnum and schwifty on a corpus of valid numbers and one-character mutations of
    /// them: qrdesk must agree on every one, both ways.
    @Test func checkDigitsAgreeWithStdnumAndSchwifty() throws {
        let script = """
            import random
            from stdnum.br import cpf, cnpj
            from stdnum import iso11649, iban as stdiban
            from stdnum.ch import esr
            from stdnum.iso7064 import mod_97_10
            import schwifty
            rng = random.Random(7)
            def digits(n): return ''.join(rng.choice('0123456789') for _ in range(n))
            def mutate(s, start=0):
                i = rng.randrange(start, len(s)); c = s[i]
                pool = '0123456789' if c.isdigit() else 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
                return s[:i] + rng.choice([p for p in pool if p != c]) + s[i + 1:]
            def iban_ok(s):
                try:
                    schwifty.IBAN(s, validate_bban=False)
                except Exception:
                    return False
                return stdiban.is_valid(s)
            out = []
            for _ in range(150):
                v = digits(9); v += cpf._calc_check_digits(v)
                out += [('cpf', s, cpf.is_valid(s)) for s in (v, mutate(v))]
                v = digits(12); v += cnpj.calc_check_digits(v)
                out += [('cnpj', s, cnpj.is_valid(s)) for s in (v, mutate(v))]
                v = digits(26); v += esr.calc_check_digit(v)
                out += [('qrr', s, esr.is_valid(s)) for s in (v, mutate(v))]
                body = ''.join(rng.choice('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(rng.randint(1, 21)))
                v = 'RF' + mod_97_10.calc_check_digits(body + 'RF') + body
                out += [('rf', s, iso11649.is_valid(s)) for s in (v, mutate(v, 2))]
                for country, n in (('DE', 18), ('CH', 17), ('AT', 16)):
                    bban = digits(n)
                    v = country + mod_97_10.calc_check_digits(bban + country) + bban
                    out += [('iban', s, iban_ok(s)) for s in (v, mutate(v, 2))]
            for kind, s, ok in out: print(kind, s, int(bool(ok)))
            """
        var disagreements: [String] = []
        var counts: [String: (valid: Int, invalid: Int)] = [:]
        for line in try python(script).split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 3 else { continue }
            let theirs = parts[2] == "1"
            let ours: Bool
            switch parts[0] {
            case "cpf": ours = BrazilianTaxID.isValidCPF(parts[1])
            case "cnpj": ours = BrazilianTaxID.isValidCNPJ(parts[1])
            case "qrr": ours = (try? QRReference(parts[1])) != nil
            case "rf": ours = (try? CreditorReference(parts[1])) != nil
            default: ours = (try? IBAN(parts[1])) != nil
            }
            if ours != theirs { disagreements.append(line.description) }
            counts[parts[0], default: (0, 0)].valid += theirs ? 1 : 0
            counts[parts[0], default: (0, 0)].invalid += theirs ? 0 : 1
        }
        #expect(disagreements == [])
        // The corpus really holds both kinds: valid numbers and numbers with one character wrong.
        for kind in ["cpf", "cnpj", "qrr", "rf", "iban"] {
            #expect(
                (counts[kind]?.valid ?? 0) >= 150 && (counts[kind]?.invalid ?? 0) >= 100,
                "\(kind): \(String(describing: counts[kind]))")
        }
    }
}
