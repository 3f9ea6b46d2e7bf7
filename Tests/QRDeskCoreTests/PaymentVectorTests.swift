import QRDeskCore
import Testing

/// Published payloads, copied whole from their sources: each CRC must match, lint must accept each, and
/// `payload build` given the same fields must reproduce it byte for byte where the source gives the fields.
@Suite struct PaymentVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let source: String
        let payload: String
        let scheme: PaymentScheme
        /// The fields the source built it from, when it gives them.
        var fields: [String: String]? = nil
        var testDescription: String { source }
    }

    static let vectors: [Vector] = [
        // Banco Central do Brasil, BR Code manual's example, as in ffss92/qrpix (NewStatic with the same fields).
        Vector(
            source: "PIX, BR Code manual / ffss92/qrpix",
            payload: "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
                + "5913Fulano de Tal6008BRASILIA62070503***63041D3D",
            scheme: .pix,
            fields: ["key": "123e4567-e12b-12d1-a456-426655440000", "name": "Fulano de Tal", "city": "BRASILIA"]),
        // PixPayloadGen (PyPI) README: PayloadPixGen('30,00', 'Victor Julio Rocha', '97212482404', 'RECIFE',
        // 'VIPSURF'). It writes the GUI in upper case (qrdesk writes the manual's lower case), so lint only.
        Vector(
            source: "PIX, PixPayloadGen README",
            payload: "00020126330014BR.GOV.BCB.PIX011197212482404520400005303986540530.005802BR5918Victor Julio Rocha"
                + "6006RECIFE62110507VIPSURF630425A1",
            scheme: .pix),
        // dtinth/promptpay-qr index.test.js
        Vector(
            source: "PromptPay, dtinth/promptpay-qr phone",
            payload: "00020101021129370016A000000677010111011300668012345675802TH530376463046197",
            scheme: .promptpay, fields: ["phone": "0801234567"]),
        Vector(
            source: "PromptPay, dtinth/promptpay-qr dashed +66 phone",
            payload: "00020101021129370016A000000677010111011300668912345675802TH5303764630429C1",
            scheme: .promptpay, fields: ["phone": "+66-89-123-4567"]),
        Vector(
            source: "PromptPay, dtinth/promptpay-qr national id",
            payload: "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A",
            scheme: .promptpay, fields: ["national-id": "1-1111-11111-11-1"]),
        Vector(
            source: "PromptPay, dtinth/promptpay-qr tax id",
            payload: "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD",
            scheme: .promptpay, fields: ["national-id": "0123456789012"]),
        Vector(
            source: "PromptPay, dtinth/promptpay-qr amount 4.22",
            payload: "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469",
            scheme: .promptpay, fields: ["phone": "000-000-0000", "amount": "4.22"]),
        // subiz/vietqr README: vietqr.Generate(120000, "970415", "0011001932418", "ủng hộ lũ lụt");
        // subiz folds the purpose to ASCII first, so the folded text is given here.
        Vector(
            source: "VietQR, subiz/vietqr README",
            payload: "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA5303704540612000058"
                + "02VN62170813ung ho lu lut6304C15C",
            scheme: .vietqr,
            fields: ["bank-bin": "970415", "account": "0011001932418", "amount": "120000", "purpose": "ung ho lu lut"]),
        // EMVCo QRCPS-MPM sample with a Chinese alternate-language template (tag 64), as in mvallim/emv-qrcode's
        // CRC tests: lengths count characters, the CRC covers UTF-8 bytes, and the tags are not in ascending order.
        Vector(
            source: "EMVCo sample with tag 64, mvallim/emv-qrcode",
            payload: "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
                + "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京"
                + "540523.7253031565502016233030412340603***"
                + "0708A60086670902ME91320016A0112233449988770708123456786304A13A",
            scheme: .emv),
    ]

    @Test(arguments: vectors)
    func vectorsAreAcceptedAndRebuilt(_ vector: Vector) throws {
        let covered = vector.payload.dropLast(4)
        #expect(CRC16.hex(CRC16.ccittFalse(covered.utf8)) == String(vector.payload.suffix(4)))
        let report = PayloadLinter.lint(vector.payload)
        #expect(report.scheme == vector.scheme)
        #expect(report.problems.filter(\.isError) == [])
        if let fields = vector.fields {
            let built = try PayloadBuilder.build(vector.scheme, SchemeFieldValues(fields))
            #expect(built.text == vector.payload)
        }
    }

    @Test func theManualsPIXExampleNamesItsPayee() throws {
        let payload = try SchemePayload(text: Self.vectors[0].payload)
        #expect(payload.payeeName == "Fulano de Tal")
        #expect(payload.payeeAccount == "123e4567-e12b-12d1-a456-426655440000")
        #expect(PaymentCode.scheme(payload).displayText == "Fulano de Tal · PIX")
    }

    @Test func theSwissQRReferenceExampleChecks() throws {
        // manuelbl/SwissQRBill QRReferenceTest: 21000000000313947143000901 → check digit 7.
        #expect(QRReference.checkDigit(of: "21000000000313947143000901") == 7)
        #expect(throws: Never.self) { try QRReference("210000000003139471430009017") }
        #expect(throws: ReferenceError.self) { try QRReference("210000000003139471430009018") }
    }

    @Test func checkDigitsMatchPublishedExamples() throws {
        // IBAN examples from the ISO 13616 registry and the EPC's own GiroCode sample.
        for iban in [
            "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "CH9300762011623852957",
            "CH44 3199 9123 0008 8901 2", "CZ65 0800 0000 1920 0014 5399", "DE33100205000001194700",
        ] {
            #expect(throws: Never.self) { try IBAN(iban) }
        }
        #expect(throws: IBANError.self) { try IBAN("DE89370400440532013001") }
        #expect(throws: IBANError.self) { try IBAN("CH93007620116238529") }
        // ISO 11649 (RF): the standard's example RF18 5390 0754 7034, and RF18 000000000539007547034.
        #expect(throws: Never.self) { try CreditorReference("RF18 5390 0754 7034") }
        #expect(throws: Never.self) { try CreditorReference("RF18000000000539007547034") }
        #expect(throws: ReferenceError.self) { try CreditorReference("RF19 5390 0754 7034") }
        #expect(CreditorReference.make("539007547034")?.text == "RF18539007547034")
        // CPF 111.444.777-35 and CNPJ 11.222.333/0001-81: the examples of the Receita's algorithm descriptions.
        #expect(BrazilianTaxID.isValidCPF("11144477735"))
        #expect(!BrazilianTaxID.isValidCPF("11144477736"))
        #expect(!BrazilianTaxID.isValidCPF("11111111111"))
        #expect(BrazilianTaxID.isValidCNPJ("11222333000181"))
        #expect(!BrazilianTaxID.isValidCNPJ("11222333000182"))
    }
}
