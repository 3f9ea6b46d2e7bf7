import QRDeskCore

/// One key's value from a request mapping, read the way its door writes it, every refusal naming the key.
/// A blank value is an absent one at every door (a CSV cell left empty, a form field not filled in).
struct KeyReader {
    let values: DataField
    let door: RequestDoor

    func text(_ key: RequestKey) throws(RequestError) -> String? {
        let field = values[key.json]
        let value: String?
        do throws(FieldError) { value = try field.optionalString() } catch {
            throw RequestError(key: key, reason: error.reason)
        }
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }

    func required(_ key: RequestKey) throws(RequestError) -> String {
        guard let value = try text(key) else { throw RequestError(key: key, reason: "is required: \(key.help)") }
        return value
    }

    /// Printed text: at most `limit` characters, no control characters but line breaks (made LF).
    func printedText(_ key: RequestKey, limit: Int, required: Bool = false) throws(RequestError) -> String? {
        guard let value = required ? try self.required(key) : try text(key) else { return nil }
        if let problem = PrintedText.problem(with: value, limit: limit, multiline: true) {
            throw RequestError(key: key, reason: problem)
        }
        return PrintedText.lineBreaksNormalized(value)
    }

    func color(_ key: RequestKey) throws(RequestError) -> RGBColor? {
        guard let value = try text(key) else { return nil }
        guard let color = RGBColor(hex: value) else {
            throw RequestError(
                key: key, reason: "expected a colour such as #1A73E8, got \"\(Excerpt.of(value, limit: 20))\"")
        }
        return color
    }

    /// A whole number: a JSON number through the API, its digits at a text door.
    func integer(_ key: RequestKey, in range: ClosedRange<Int>) throws(RequestError) -> Int? {
        let field = values[key.json]
        guard !field.isMissing else { return nil }
        if door.readsText {
            guard let text = try text(key) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw RequestError(
                    key: key,
                    reason:
                        "expected a whole number from \(range.lowerBound) to \(range.upperBound), got "
                        + "\(Excerpt.of(text, limit: 20))"
                )
            }
            return value
        }
        do throws(FieldError) { return try field.integer(in: range) } catch {
            throw RequestError(key: key, reason: error.reason)
        }
    }

    /// A decimal number: a JSON number through the API, its digits at a text door; refused outside `range`.
    func decimal(_ key: RequestKey, in range: ClosedRange<Double>, unit: String) throws(RequestError) -> Double? {
        let field = values[key.json]
        guard !field.isMissing else { return nil }
        let text: String
        if case let .number(digits)? = field.node?.value {
            text = digits
        } else if door.readsText {
            guard let given = try self.text(key) else { return nil }
            text = given
        } else {
            throw RequestError(key: key, reason: "expected a number of \(unit), not text")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 12, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(trimmed), value.isFinite, range.contains(value)
        else {
            throw RequestError(
                key: key,
                reason: "expected \(unit) from \(formatDecimal(range.lowerBound, digits: 0)) to "
                    + "\(formatDecimal(range.upperBound, digits: 0)), got \"\(Excerpt.of(text, limit: 12))\"")
        }
        return value
    }

    /// A switch: JSON's `true`/`false`, or a text door's `yes`/`no`, `true`/`false`, `1`/`0`.
    func isOn(_ key: RequestKey) throws(RequestError) -> Bool? {
        let field = values[key.json]
        guard !field.isMissing else { return nil }
        if case let .bool(value)? = field.node?.value { return value }
        guard door.readsText, let text = try text(key) else {
            if door.readsText { return nil }
            throw RequestError(key: key, reason: "expected true or false")
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "true", "1": return true
        case "no", "false", "0": return false
        default:
            throw RequestError(key: key, reason: "expected yes or no, got \"\(Excerpt.of(text, limit: 20))\"")
        }
    }

    /// Choices from `allowed`: a list at a text door (`pdf,svg`); one value through the API, whose answer is
    /// one file.
    func choices<T: RawRepresentable>(_ key: RequestKey, allowed: [T]) throws(RequestError) -> [T]?
    where T.RawValue == String {
        guard let text = try text(key) else { return nil }
        let parsed: [T]
        switch ChoiceList.parse([text], allowed: allowed) {
        case let .success(values): parsed = values
        case let .failure(error): throw RequestError(key: key, reason: error.description)
        }
        if door == .api, parsed.count > 1 {
            throw RequestError(
                key: key,
                reason: "the answer is one file: give one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed.isEmpty ? nil : parsed
    }
}
