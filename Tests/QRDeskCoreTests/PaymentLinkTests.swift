import Testing
@testable import QRDeskCore

@Suite("Payment links")
struct PaymentLinkTests {
    @Test func acceptsAbsoluteHTTPSAndKeepsTheExactText() throws {
        let link = try PaymentLink("https://Pay.Example.com/p/Xk9fA2mQ7t?loc=A1#top")
        #expect(link.text == "https://Pay.Example.com/p/Xk9fA2mQ7t?loc=A1#top")
        #expect(link.host == "pay.example.com")
        #expect(link.displayText == "Pay.Example.com/p/Xk9fA2mQ7t?loc=A1#top")
    }

    @Test(arguments: [
        ("", "the link is empty"),
        ("https://pay.example.com/p/a b", "has a space at character 28"),
        ("https://pay.example.com/p/a\tb", "the control character U+9"),
        ("https://pay.example.com/p/a\u{7F}", "the control character U+7F"),
        ("pay.example.com/p/1", "is not an absolute URL"),
        ("/p/1", "is not an absolute URL"),
        ("http://pay.example.com/p/1", "is not https; a payment page must be served over https"),
        ("ftp://pay.example.com/p/1", "uses the scheme \"ftp\""),
        ("javascript://alert(1)", "uses the scheme \"javascript\""),
        ("https://user:secret@pay.example.com/p/1", "user:password@"),
        ("https://attacker.example@pay.example.com/p/1", "user:password@"),
        ("https:///p/1", "has no host"),
        ("https://pay.example.com/p/ü", "non-ASCII character \"ü\" at character 27"),
    ])
    func refusesBadLinks(link: String, message: String) {
        #expect {
            try PaymentLink(link)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func plainHTTPNeedsTheExplicitFlag() throws {
        let link = try PaymentLink("http://pay.example.com/p/1", policy: LinkPolicy(allowsHTTP: true))
        #expect(link.host == "pay.example.com")
    }

    @Test func allowedHostsAreExactAndCaseInsensitive() throws {
        let policy = LinkPolicy(allowedHosts: ["PAY.example.com"])
        #expect(try PaymentLink("https://pay.example.com/p/1", policy: policy).host == "pay.example.com")
        #expect(
            throws: LinkError.hostNotAllowed(
                link: "https://pay.example.com.evil.test/p/1", host: "pay.example.com.evil.test",
                allowed: ["pay.example.com"])
        ) {
            try PaymentLink("https://pay.example.com.evil.test/p/1", policy: policy)
        }
    }

    @Test func credentialsInThePathAreNotCredentials() throws {
        #expect(try PaymentLink("https://pay.example.com/p/a@b").host == "pay.example.com")
    }
}
