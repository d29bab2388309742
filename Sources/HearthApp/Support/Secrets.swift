import Foundation
import Vapor

/// Random tokens and their keyed hashes. Tokens leave the server once (in a cookie, a link or a terminal)
/// and only the HMAC is stored.
enum Secrets {
    /// A URL-safe random token carrying 256 bits.
    static func newToken(prefix: String = "") -> String {
        let bytes = [UInt8].random(count: 32)
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + encoded
    }

    static func hash(_ token: String, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Compares without an early exit, so the time taken says nothing about how much matched.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

extension Request {
    func hashSecret(_ token: String) -> String { Secrets.hash(token, key: settings.secretKey) }

    /// The client's address as the server saw it. Behind a proxy this is the proxy; trusting
    /// X-Forwarded-For is a deployment decision left for when one exists.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
