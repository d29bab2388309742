import Foundation
import HearthDomain
import SQLKit

/// One event in a chronology. Entries are never stored: each is read from its source record.
struct ChronologyEntry: Codable, Sendable {
    /// What happened. Every kind the chronology makes is a case, so the API document's list is checked
    /// against `allCases` (APITests).
    enum Kind: String, Codable, CaseIterable, Sendable {
        case significantRecording = "significant-recording"
        case concern
        case involvementStart = "involvement-start"
        case involvementEnd = "involvement-end"
        case needLevel = "need-level"
        case address
        case relationshipStart = "relationship-start"
        case relationshipEnd = "relationship-end"
        case planAgreed = "plan-agreed"
        case planReview = "plan-review"
        /// A decision's own kind (`PlanVocabulary.decisionKinds`): a key decision or an oversight note.
        case decision
        case oversight
        case challenge
        case assessmentSubmitted = "assessment-submitted"
        case assessmentApproved = "assessment-approved"
        case assessmentReturned = "assessment-returned"
        case incident
        case missing
        case placement
        case dailyLog = "daily-log"
        case keyWork = "key-work"
        case placementPlanReview = "placement-plan-review"
        case notification
    }

    var at: Date
    var kind: Kind
    var summary: String
    var sourceType: String
    var sourceId: String
    var personId: UUID
    /// For a linked person's event: who they are to the person in view ("Sister").
    var linkedAs: String?
    var linkedName: String?
    var category: String?
    var notes: [ChronologyNoteView] = []
    /// For an event that has a day but no time of day (a move, a piece of work starting): the day, so
    /// pages show "1 June 2021" and not midnight. `at` is the start of that day in London.
    var day: String? = nil
}

extension ChronologyEntry {
    /// An event on a day, with no time of day: `at` is the start of that day in London. Nil when `day` is
    /// not a real date.
    init?(day: String, kind: Kind, summary: String, sourceType: String, sourceId: String, personId: UUID) {
        guard let at = UKTime.date(day, time: "00:00") else { return nil }
        self.init(
            at: at, kind: kind, summary: summary, sourceType: sourceType, sourceId: sourceId, personId: personId,
            day: day)
    }
}

struct ChronologyNoteView: Codable, Sendable {
    var significance: String?
    var analysis: String?
    var author: String
    var at: String
}

struct ChronologyFilter: Sendable {
    var from: Date?
    var to: Date?
    /// A significance category, or an event kind.
    var category: String?
    /// One of `sources`: the entries' `sourceType`.
    var source: String?

    static let sources: [CodedOption] = [
        .init("recording", "Recordings"),
        .init("involvement", "Involvements starting and ending"),
        .init("need-level-change", "Changes in the level of need"),
        .init("address", "Moves"),
        .init("relationship", "Relationships"),
        .init("concern", "Safeguarding concerns"),
        .init("assessment", "Assessments"),
        .init("plan", "Plans and reviews"),
        .init("decision", "Decisions, oversight and challenges"),
        .init("incident", "Incidents"),
        .init("missing-episode", "Missing episodes"),
        .init("placement", "Placements in a home"),
        .init("daily-log", "Daily logs"),
        .init("key-work", "Key-work sessions"),
        .init("placement-plan", "Placement plan reviews"),
        .init("notification", "Notifications sent"),
    ]

    func admits(_ entry: ChronologyEntry) -> Bool {
        if let from, entry.at < from { return false }
        if let to, entry.at >= to { return false }
        if let source, entry.sourceType != source { return false }
        if let category, entry.category != category && entry.kind.rawValue != category { return false }
        return true
    }
}

/// The chronology as a query over the source records: a fixed number of queries, one per kind of
/// source, merged in time order. Nothing is copied, so nothing can drift.
enum ChronologyQueries {
    /// Events for `focus` (the person, or a family's members) and the significant events of `linked`
    /// people (already filtered to those the viewer may see), labelled with who they are.
    static func entries(
        focus: [UUID], linked: [UUID: (name: String, relationship: String)], filter: ChronologyFilter,
        on db: any SQLDatabase
    ) async throws -> [ChronologyEntry] {
        guard !focus.isEmpty else { return [] }
        let focusSet = Set(focus)
        var entries: [ChronologyEntry] = []
        let everyone = focus + linked.keys.filter { !focusSet.contains($0) }

        // Significant, submitted recordings about the focus people or linked people.
        var recordingQuery: SQLQueryString = """
            SELECT r.id, r.occurred_at, r.kind, r.note, r.significance_category, s.person_id
            FROM recording_subjects s JOIN recordings r ON r.id = s.recording_id
            WHERE s.person_id IN (\(binds: everyone)) AND s.in_chronology = \(bind: true)
              AND r.status = \(bind: RecordingStatus.submitted) AND r.is_significant = \(bind: true)
            """
        // The subjects' copies of the time and of "significant and submitted" are indexed with the person
        // (migrations 010 and 012): the significant few are found without looking at the rest.
        if let from = filter.from { recordingQuery += " AND s.occurred_at >= \(bind: from)" }
        if let to = filter.to { recordingQuery += " AND s.occurred_at < \(bind: to)" }
        var seenRecordings = Set<UUID>()
        let recordingRows = try await db.raw(recordingQuery).all()
        // A recording about the focus person and a sibling appears once, as the focus person's.
        let focusFirst =
            try recordingRows.filter { focusSet.contains(try $0.decode(column: "person_id", as: UUID.self)) }
            + recordingRows.filter { !focusSet.contains(try $0.decode(column: "person_id", as: UUID.self)) }
        for row in focusFirst {
            let id = try row.decode(column: "id", as: UUID.self)
            guard seenRecordings.insert(id).inserted else { continue }
            let personId = try row.decode(column: "person_id", as: UUID.self)
            let kind = try row.decode(column: "kind", as: String.self)
            let note = try row.decode(column: "note", as: String.self)
            let link = focusSet.contains(personId) ? nil : linked[personId]
            entries.append(
                ChronologyEntry(
                    at: try row.decode(column: "occurred_at", as: Date.self), kind: .significantRecording,
                    summary: "\(Vocabulary.recordingKinds.label(for: kind) ?? kind): \(excerpt(note))",
                    sourceType: "recording", sourceId: id.uuidString.lowercased(), personId: personId,
                    linkedAs: link?.relationship, linkedName: link?.name,
                    category: try row.decode(column: "significance_category", as: String?.self)))
        }

        // Safeguarding concerns about the focus people or linked people.
        var concernQuery: SQLQueryString = """
            SELECT id, person_id, categories, description, raised_at FROM concerns WHERE person_id IN (\(binds: everyone))
            """
        if let from = filter.from { concernQuery += " AND raised_at >= \(bind: from)" }
        if let to = filter.to { concernQuery += " AND raised_at < \(bind: to)" }
        for row in try await db.raw(concernQuery).all() {
            let personId = try row.decode(column: "person_id", as: UUID.self)
            let link = focusSet.contains(personId) ? nil : linked[personId]
            let labels = try row.decode(column: "categories", as: String.self).split(separator: ",")
                .compactMap { ConcernCategory(rawValue: String($0))?.label }.joined(separator: ", ")
            entries.append(
                ChronologyEntry(
                    at: try row.decode(column: "raised_at", as: Date.self), kind: .concern,
                    summary:
                        "Safeguarding concern (\(labels)): \(excerpt(try row.decode(column: "description", as: String.self)))",
                    sourceType: "concern",
                    sourceId: try row.decode(column: "id", as: UUID.self).uuidString.lowercased(),
                    personId: personId, linkedAs: link?.relationship, linkedName: link?.name, category: "safeguarding"))
        }

        // Involvements starting and ending.
        for row in try await db.raw(
            """
            SELECT i.id, i.service, i.started_on, i.ended_on, i.reason, i.closure_reason, s.person_id
            FROM involvements i JOIN involvement_subjects s ON s.involvement_id = i.id
            WHERE s.person_id IN (\(binds: focus))
            """
        ).all() {
            let id = try row.decode(column: "id", as: UUID.self).uuidString.lowercased()
            let personId = try row.decode(column: "person_id", as: UUID.self)
            let service = try row.decode(column: "service", as: String.self)
            let name = Vocabulary.services.label(for: service) ?? service
            if let start = ChronologyEntry(
                day: try row.decode(column: "started_on", as: String.self), kind: .involvementStart,
                summary: "\(name) began: \(excerpt(try row.decode(column: "reason", as: String.self)))",
                sourceType: "involvement", sourceId: id, personId: personId)
            {
                entries.append(start)
            }
            if let endText = try row.decode(column: "ended_on", as: String?.self) {
                let reason = try row.decode(column: "closure_reason", as: String?.self) ?? ""
                if let end = ChronologyEntry(
                    day: endText, kind: .involvementEnd,
                    summary: "\(name) ended" + (reason.isEmpty ? "" : ": \(excerpt(reason))"),
                    sourceType: "involvement", sourceId: id, personId: personId)
                {
                    entries.append(end)
                }
            }
        }

        // Changes in the level of need.
        for row in try await db.raw(
            """
            SELECT c.id, c.level, c.previous_level, c.changed_at, c.reason, s.person_id
            FROM need_level_changes c JOIN involvement_subjects s ON s.involvement_id = c.involvement_id
            WHERE s.person_id IN (\(binds: focus))
            """
        ).all() {
            let level = try row.decode(column: "level", as: Int.self)
            let previous = try row.decode(column: "previous_level", as: Int?.self)
            let reason = try row.decode(column: "reason", as: String?.self)
            let label = Vocabulary.needLevels.label(for: String(level)) ?? "Level \(level)"
            let text = previous.map { "Level of need changed from \($0) to \(label)" } ?? "Level of need set: \(label)"
            let changedAt = try row.decode(column: "changed_at", as: Date.self)
            entries.append(
                ChronologyEntry(
                    at: changedAt, kind: .needLevel,
                    summary: text + (reason.map { ": \(excerpt($0))" } ?? ""), sourceType: "need-level-change",
                    sourceId: try row.decode(column: "id", as: UUID.self).uuidString.lowercased(),
                    personId: try row.decode(column: "person_id", as: UUID.self),
                    day: NeedLevelChange.dayOfFirstLevel(changedAt: changedAt, previousLevel: previous)))
        }

        entries += try await practiceEntries(focus: focus, on: db)

        // Moves.
        for row in try await db.raw(
            """
            SELECT id, person_id, line1, town, postcode, moved_in_on FROM addresses WHERE person_id IN (\(binds: focus))
            """
        ).all() {
            let town = try row.decode(column: "town", as: String?.self)
            let place = [
                try row.decode(column: "line1", as: String.self), town,
                try row.decode(column: "postcode", as: String.self),
            ]
            .compactMap { $0 }.joined(separator: ", ")
            if let move = ChronologyEntry(
                day: try row.decode(column: "moved_in_on", as: String.self), kind: .address,
                summary: "Moved to \(place)", sourceType: "address",
                sourceId: try row.decode(column: "id", as: UUID.self).uuidString.lowercased(),
                personId: try row.decode(column: "person_id", as: UUID.self))
            {
                entries.append(move)
            }
        }

        // Relationships beginning and ending.
        for row in try await db.raw(
            """
            SELECT r.id, r.person_id, r.kind, r.started_on, r.ended_on, p.given_name, p.family_name
            FROM relationships r JOIN people p ON p.id = r.related_person_id
            WHERE r.person_id IN (\(binds: focus)) AND (r.started_on IS NOT NULL OR r.ended_on IS NOT NULL)
            """
        ).all() {
            let who =
                "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))"
            let kind = RelationshipLabels.label(try row.decode(column: "kind", as: String.self)).lowercased()
            let id = try row.decode(column: "id", as: UUID.self).uuidString.lowercased()
            let personId = try row.decode(column: "person_id", as: UUID.self)
            if let text = try row.decode(column: "started_on", as: String?.self),
                let start = ChronologyEntry(
                    day: text, kind: .relationshipStart, summary: "\(who) became \(kind)",
                    sourceType: "relationship", sourceId: id, personId: personId)
            {
                entries.append(start)
            }
            if let text = try row.decode(column: "ended_on", as: String?.self),
                let end = ChronologyEntry(
                    day: text, kind: .relationshipEnd, summary: "\(who) no longer \(kind)",
                    sourceType: "relationship", sourceId: id, personId: personId)
            {
                entries.append(end)
            }
        }

        // Practitioners' significance and analysis, attached to their entries.
        var notes: [String: [ChronologyNoteView]] = [:]
        for row in try await db.raw(
            """
            SELECT n.source_type, n.source_id, n.significance, n.analysis, n.created_at, u.display_name
            FROM chronology_notes n JOIN users u ON u.id = n.author_id
            WHERE n.person_id IN (\(binds: focus)) ORDER BY n.created_at
            """
        ).all() {
            let key =
                "\(try row.decode(column: "source_type", as: String.self)):\(try row.decode(column: "source_id", as: String.self))"
            notes[key, default: []].append(
                ChronologyNoteView(
                    significance: try row.decode(column: "significance", as: String?.self),
                    analysis: try row.decode(column: "analysis", as: String?.self),
                    author: try row.decode(column: "display_name", as: String.self),
                    at: DisplayFormat.dateTime(try row.decode(column: "created_at", as: Date.self))))
        }
        return entries.filter(filter.admits).map { entry in
            var entry = entry
            entry.notes = notes["\(entry.sourceType):\(entry.sourceId)"] ?? []
            return entry
        }.sorted { ($0.at, $0.sourceId) < ($1.at, $1.sourceId) }
    }

    /// The practice core's events on the focus people's work, in two queries: those dated by a day (plans
    /// agreed, reviews, decisions) and those dated by a moment (sign-offs, submissions, challenges).
    static func practiceEntries(focus: [UUID], on db: any SQLDatabase) async throws -> [ChronologyEntry] {
        var entries: [ChronologyEntry] = []
        // Literal kinds are cast so PostgreSQL knows the union's column types from the first branch. Each
        // kind read back is a `ChronologyEntry.Kind`'s code; one that is not fails the read.
        for row in try await db.raw(
            """
            SELECT CAST('plan-agreed' AS TEXT) AS kind, pl.id AS source_id, CAST('plan' AS TEXT) AS source_type,
              pl.agreed_on AS day, pl.agreed_by AS text, s.person_id
            FROM plans pl JOIN involvement_subjects s ON s.involvement_id = pl.involvement_id
            WHERE pl.agreed_on IS NOT NULL AND s.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('plan-review' AS TEXT), r.plan_id, CAST('plan' AS TEXT), r.reviewed_on, r.decisions, s.person_id
            FROM plan_reviews r JOIN plans pl ON pl.id = r.plan_id
            JOIN involvement_subjects s ON s.involvement_id = pl.involvement_id WHERE s.person_id IN (\(binds: focus))
            UNION ALL
            SELECT d.kind, d.id, CAST('decision' AS TEXT), d.decided_on, d.summary, s.person_id
            FROM decisions d JOIN involvement_subjects s ON s.involvement_id = d.involvement_id
            WHERE s.person_id IN (\(binds: focus))
            """
        ).all() {
            // A decision's kind is stored text: one this code does not know still shows, as a decision,
            // rather than taking the whole chronology down.
            let kind =
                ChronologyEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .decision
            let text = excerpt(try row.decode(column: "text", as: String?.self) ?? "")
            let summary =
                switch kind {
                case .planAgreed: "Plan agreed with the family (\(text))"
                case .planReview: "Plan reviewed: \(text)"
                case .oversight: "Management oversight: \(text)"
                default: "Decision: \(text)"
                }
            if let entry = ChronologyEntry(
                day: try row.decode(column: "day", as: String.self), kind: kind, summary: summary,
                sourceType: try row.decode(column: "source_type", as: String.self),
                sourceId: try row.decode(column: "source_id", as: UUID.self).uuidString.lowercased(),
                personId: try row.decode(column: "person_id", as: UUID.self))
            {
                entries.append(entry)
            }
        }
        for row in try await db.raw(
            """
            SELECT CAST('assessment-submitted' AS TEXT) AS kind, a.id AS source_id, CAST('assessment' AS TEXT) AS source_type,
              a.submitted_at AS at, a.outcome AS text, s.person_id
            FROM assessments a JOIN involvement_subjects s ON s.involvement_id = a.involvement_id
            WHERE a.submitted_at IS NOT NULL AND s.person_id IN (\(binds: focus))
            UNION ALL
            SELECT 'assessment-' || o.decision, o.assessment_id, CAST('assessment' AS TEXT), o.decided_at, o.comments, s.person_id
            FROM assessment_sign_offs o JOIN assessments a ON a.id = o.assessment_id
            JOIN involvement_subjects s ON s.involvement_id = a.involvement_id WHERE s.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('challenge' AS TEXT), c.decision_id, CAST('decision' AS TEXT), c.raised_at, c.reason, s.person_id
            FROM challenges c JOIN involvement_subjects s ON s.involvement_id = c.involvement_id
            WHERE s.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('incident' AS TEXT), i.id, CAST('incident' AS TEXT), i.occurred_at, i.description, i.person_id
            FROM incidents i WHERE i.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('missing' AS TEXT), m.id, CAST('missing-episode' AS TEXT), m.last_seen_at, m.where_found, m.person_id
            FROM missing_episodes m WHERE m.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('placement' AS TEXT), pl.id, CAST('placement' AS TEXT), pl.created_at, h.name, pl.person_id
            FROM placements pl JOIN homes h ON h.id = pl.home_id WHERE pl.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('daily-log' AS TEXT), d.id, CAST('daily-log' AS TEXT), d.written_at, d.text, d.person_id
            FROM daily_logs d WHERE d.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('key-work' AS TEXT), k.id, CAST('key-work' AS TEXT), k.recorded_at, k.topic, k.person_id
            FROM key_work_sessions k WHERE k.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('placement-plan-review' AS TEXT), r.id, CAST('placement-plan' AS TEXT), r.recorded_at, r.summary, r.person_id
            FROM placement_plan_reviews r WHERE r.person_id IN (\(binds: focus))
            UNION ALL
            SELECT CAST('notification' AS TEXT), n.id, CAST('notification' AS TEXT), n.sent_at, n.recipient, n.person_id
            FROM notifications n WHERE n.person_id IN (\(binds: focus))
            """
        ).all() {
            let kind = try row.decode(column: "kind", as: ChronologyEntry.Kind.self)
            let text = try row.decode(column: "text", as: String?.self)
            let summary =
                switch kind {
                case .assessmentSubmitted:
                    "Assessment submitted for sign-off"
                        + (AssessmentFramework.outcomes.label(for: text).map { ": \($0.lowercased())" } ?? "")
                case .assessmentApproved: "Assessment approved by the manager" + (text.map { ": \(excerpt($0))" } ?? "")
                case .assessmentReturned: "Assessment returned for changes" + (text.map { ": \(excerpt($0))" } ?? "")
                case .incident: "Incident: \(excerpt(text ?? ""))"
                case .missing: "Went missing" + (text.map { "; found at \(excerpt($0))" } ?? "")
                case .placement: "Placed at \(text ?? "a home")"
                case .dailyLog: "Daily log: \(excerpt(text ?? ""))"
                case .keyWork: "Key-work session: \(excerpt(text ?? ""))"
                case .placementPlanReview: "Placement plan reviewed: \(excerpt(text ?? ""))"
                case .notification:
                    "Notified: \(ResidentialController.recipients.label(for: text) ?? text ?? "")"
                default: "Decision challenged: \(excerpt(text ?? ""))"
                }
            entries.append(
                ChronologyEntry(
                    at: try row.decode(column: "at", as: Date.self), kind: kind, summary: summary,
                    sourceType: try row.decode(column: "source_type", as: String.self),
                    sourceId: try row.decode(column: "source_id", as: UUID.self).uuidString.lowercased(),
                    personId: try row.decode(column: "person_id", as: UUID.self)))
        }
        return entries
    }

    /// The people linked to `personId` by a current relationship, with how they are related.
    static func linkedPeople(of personId: UUID, on db: any SQLDatabase) async throws -> [UUID: (
        name: String, relationship: String
    )] {
        var result: [UUID: (name: String, relationship: String)] = [:]
        for row in try await db.raw(
            """
            SELECT r.related_person_id, r.kind, p.given_name, p.family_name FROM relationships r
            JOIN people p ON p.id = r.related_person_id
            WHERE r.person_id = \(bind: personId) AND r.ended_on IS NULL AND p.merged_into_id IS NULL
            """
        ).all() {
            result[try row.decode(column: "related_person_id", as: UUID.self)] = (
                "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                RelationshipLabels.label(try row.decode(column: "kind", as: String.self))
            )
        }
        return result
    }

    /// The start of a text on one line: line breaks read as spaces, blanks trimmed at both ends, and at
    /// most `limit` characters, the last one "…" when it was cut. One pass that stops once the excerpt is
    /// full: a note can run to pages, and the chronology shows hundreds of excerpts.
    static func excerpt(_ text: String, limit: Int = 240) -> String {
        asciiExcerpt(text, limit: limit) ?? characterExcerpt(text, limit: limit)
    }

    static func characterExcerpt(_ text: String, limit: Int) -> String {
        var kept: [Character] = []
        kept.reserveCapacity(limit)
        for character in text {
            let flat: Character = character.isNewline ? " " : character
            if kept.isEmpty && flat.isWhitespace { continue }
            if kept.count == limit {
                // Full: anything but blanks after it means the text was cut.
                if flat.isWhitespace { continue }
                return String(kept.prefix(limit - 1)) + "…"
            }
            kept.append(flat)
        }
        while let last = kept.last, last.isWhitespace { kept.removeLast() }
        return String(kept)
    }

    /// The same over bytes, for the usual note whose start is plain ASCII, where a byte is a character
    /// (a CR LF pair is one): nil at the first other byte, for `characterExcerpt` to do it all instead.
    static func asciiExcerpt(_ text: String, limit: Int) -> String? {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var kept: [UInt8] = []
        kept.reserveCapacity(limit)
        var afterCarriageReturn = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x0A && afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = byte == 0x0D
            if kept.isEmpty && isBlank(byte) { continue }
            if kept.count == limit {
                if isBlank(byte) { continue }
                return String(decoding: kept.prefix(limit - 1), as: UTF8.self) + "…"
            }
            kept.append((0x0A...0x0D).contains(byte) ? 0x20 : byte)
        }
        while let last = kept.last, isBlank(last) { kept.removeLast() }
        return String(decoding: kept, as: UTF8.self)
    }
}
