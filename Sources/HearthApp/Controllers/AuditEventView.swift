import Foundation
import HearthDomain

/// An audit event formatted for a page: records named in words ("Safety plan 1a2b3c4d"), dates written
/// as people read them, and, for those the audit pages let in, each record a link to its whole trail.
struct AuditEventView: Encodable, Sendable {
    var at: String
    var actor: String
    var role: String
    var action: String
    var subject: String
    /// The subject as the audit filter takes it (type:id), to link to that record's whole trail; only
    /// for those the audit pages let in (a manager reading a record's access log is not).
    var subjectFilter: String?
    var outcome: String
    var isDenied: Bool
    /// The reason given and the detail recorded, in parts: a record the detail names ("about
    /// person:…") is a part of its own, with its filter when the viewer may follow it.
    var reason: [Part]
    var clientAddress: String
    var requestId: String

    struct Part: Encodable, Sendable, Equatable {
        var text: String
        var filter: String?
    }

    init(_ row: AuditEventRow, for viewer: Actor) {
        let mayBrowse = AuditTrailPolicy().mayBrowse(viewer)
        at = DisplayFormat.dateTime(row.at)
        actor = row.actorEmail ?? "Unknown"
        role = row.role.flatMap(Role.init(rawValue:))?.label ?? "None"
        action = AuditAction(rawValue: row.action)?.label ?? row.action
        subject = [row.subjectType.map(Self.typeName), row.subjectId.map(Self.shortId)].compactMap { $0 }
            .joined(separator: " ")
        subjectFilter = mayBrowse ? row.subjectType.flatMap { type in row.subjectId.map { "\(type):\($0)" } } : nil
        outcome = row.outcome
        isDenied = row.outcome == AuditOutcome.denied.rawValue
        reason = Self.parts([row.reason, row.detail].compactMap { $0 }.joined(separator: " · "), linking: mayBrowse)
        clientAddress = row.clientAddress ?? ""
        requestId = row.requestId ?? ""
    }

    /// A subject type in words: "safety-plan" reads "Safety plan".
    static func typeName(_ type: String) -> String {
        typeNames[type] ?? codeInWords(type)
    }

    /// Where the code's name for a type does not read as words once its hyphens are spaces.
    static let typeNames = ["api-token": "API token", "audit": "Audit trail"]

    /// The first block of a record id tells records apart on screen; the link carries all of it.
    static func shortId(_ id: String) -> String { String(id.prefix(8)) }

    /// `text` split around the records it names as `type:uuid`, with each ISO date in it written in
    /// words. Details were written for auditors to follow, in the form the audit filter takes.
    static func parts(_ text: String, linking: Bool) -> [Part] {
        var parts: [Part] = []
        var plain = ""
        func flush() {
            if !plain.isEmpty { parts.append(Part(text: writingDates(plain))) }
            plain = ""
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let separator = plain.isEmpty && parts.isEmpty ? "" : " "
            if let reference = reference(in: word) {
                plain += separator
                flush()
                let filter = "\(reference.type):\(reference.id)"
                parts.append(
                    Part(
                        text: "\(typeName(reference.type)) \(shortId(reference.id))\(reference.trailing)",
                        filter: linking ? filter : nil))
            } else {
                plain += separator + word
            }
        }
        flush()
        return parts
    }

    /// `person:0f3c…` (with any trailing punctuation) as a type and a record id.
    private static func reference(in word: Substring) -> (type: String, id: String, trailing: String)? {
        guard let colon = word.firstIndex(of: ":") else { return nil }
        let type = word[..<colon]
        let rest = word[word.index(after: colon)...]
        guard !type.isEmpty, type.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), rest.count >= 36,
            let uuid = UUID(uuidString: String(rest.prefix(36)))
        else { return nil }
        return (String(type), uuid.uuidString.lowercased(), String(rest.dropFirst(36)))
    }

    /// "2026-05-31" reads "31 May 2026"; anything else is left as it is.
    private static func writingDates(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let date = word.prefix(10)
            guard date.count == 10, let day = CalendarDate(iso: String(date)),
                word.dropFirst(10).allSatisfy(\.isPunctuation)
            else { return String(word) }
            return day.written + word.dropFirst(10)
        }.joined(separator: " ")
    }
}
