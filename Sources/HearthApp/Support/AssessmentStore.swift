import Fluent
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// Strengths and needs for one dimension of the Assessment Framework.
struct AssessmentDimensionEntry: Codable, Sendable, Equatable {
    var code: String
    var strengths: String?
    var needs: String?
}

/// One person's view, in their words: drawn from recordings or captured during the assessment.
struct AssessmentView: Codable, Sendable, Equatable {
    var personId: UUID
    var name: String
    var words: String
}

/// What a practitioner sends to start or change an assessment, from the form or the API. The same
/// shape for both: `strengths` and `needs` are keyed by dimension code, `views` by person id.
struct AssessmentInput: Content, Sendable {
    var personId: String?
    var startedOn: String?
    var dueOn: String?
    var strengths: [String: String]?
    var needs: [String: String]?
    var views: [String: String]?
    var analysis: String?
    var judgement: String?
    var levelOfNeed: String?
    var outcome: String?
    var version: Int?
    /// "submit" sends it to a manager for sign-off; anything else saves it as it is.
    var action: String?

    var submits: Bool { action == "submit" }

    struct Checked: Sendable {
        var personId: UUID?
        var startedOn: CalendarDate
        var dueOn: CalendarDate?
        var dimensions: [AssessmentDimensionEntry]
        var views: [UUID: String]
        var analysis: String?
        var judgement: String?
        var levelOfNeed: Int?
        var outcome: String?
    }

    /// Checks the fields; submitting also needs the analysis and an outcome, because an assessment without
    /// analysis is a list of facts, not an assessment. It starts on a day that has come, within the piece of
    /// work (`workStartedOn`) it belongs to.
    func check(subjects: [UUID], workStartedOn: CalendarDate?, today: CalendarDate) -> (Checked?, FieldErrorList) {
        var errors = FieldErrorList()
        var person: UUID?
        if let text = personId?.trimmed, !text.isEmpty {
            person = UUID(uuidString: text)
            if person == nil || !subjects.contains(person!) {
                errors.add("personId", "Choose a child this piece of work is with, or the whole family")
            }
        }
        let started = DateField.parse(
            startedOn ?? today.iso, field: "startedOn", label: "the start date", required: true, into: &errors)
        DateField.notInFuture(started, today: today, field: "startedOn", label: "the start date", into: &errors)
        DateField.notBefore(
            started, workStartedOn, when: "the piece of work started", field: "startedOn", label: "the start date",
            into: &errors)
        let due = DateField.parse(dueOn, field: "dueOn", label: "the due date", required: false, into: &errors)
        if let started, let due, due < started {
            errors.add("dueOn", "The due date must be on or after the start date")
        }
        let known = Set(AssessmentFramework.dimensions.map(\.code))
        let unknown = Set((strengths ?? [:]).keys).union((needs ?? [:]).keys).subtracting(known)
        if let code = unknown.sorted().first { errors.add("strengths", "There is no dimension called \(code)") }
        var dimensions: [AssessmentDimensionEntry] = []
        for dimension in AssessmentFramework.dimensions {
            // Twenty boxes share each message, so it names its dimension.
            let strength = errors.text(
                strengths?[dimension.code], "strengths-\(dimension.code)", "\(dimension.label): strengths")
            let need = errors.text(needs?[dimension.code], "needs-\(dimension.code)", "\(dimension.label): needs")
            if strength != nil || need != nil {
                dimensions.append(.init(code: dimension.code, strengths: strength, needs: need))
            }
        }
        var checkedViews: [UUID: String] = [:]
        for (key, text) in views ?? [:] {
            guard let id = UUID(uuidString: key), subjects.contains(id) else {
                errors.add("views", "Views can only be from the people this piece of work is with")
                continue
            }
            if let words = errors.text(text, "views-\(key.lowercased())", "A view") { checkedViews[id] = words }
        }
        let analysis = errors.text(
            analysis, "analysis", "Analysis", limit: 20_000,
            required: submits ? "Write your analysis before submitting the assessment" : nil)
        let judgement = errors.text(judgement, "judgement", "Professional judgement", limit: 8_000)
        var level: Int?
        if let text = levelOfNeed?.trimmed, !text.isEmpty {
            level = Int(text)
            if level == nil || !(1...Vocabulary.needLevels.count).contains(level!) {
                errors.add("levelOfNeed", "Select a level of need")
            }
        } else if submits {
            errors.add("levelOfNeed", "Select the level of need before submitting")
        }
        let outcome = outcome?.trimmed.nilIfEmpty
        if let outcome, !AssessmentFramework.outcomes.contains(code: outcome) {
            errors.add("outcome", "Select what should happen next")
        } else if outcome == nil, submits {
            errors.add("outcome", "Select what should happen next before submitting")
        }
        guard errors.isEmpty, let started else { return (nil, errors) }
        return (
            Checked(
                personId: person, startedOn: started, dueOn: due, dimensions: dimensions, views: checkedViews,
                analysis: analysis, judgement: judgement, levelOfNeed: level, outcome: outcome),
            errors
        )
    }
}

/// An assessment as the API gives it, and as an approval keeps it.
struct AssessmentJSON: Content {
    struct Dimension: Content {
        var code: String
        var domain: String
        var label: String
        var strengths: String?
        var needs: String?
    }

    struct SignOffJSON: Content {
        var decision: String
        var comments: String?
        var assessmentVersion: Int
        var decidedAt: String
        var decidedBy: String?
    }

    var id: UUID
    var involvementId: UUID
    var personId: UUID?
    var status: String
    var startedOn: String
    var dueOn: String
    var dueBy: String
    var completedOn: String?
    var dimensions: [Dimension]
    var views: [AssessmentView]
    var analysis: String?
    var judgement: String?
    var levelOfNeed: Int?
    var outcome: String?
    var submittedAt: String?
    var version: Int
    var signOffs: [SignOffJSON]

    init(_ assessment: Assessment, signOffs: [AssessmentSignOff] = [], names: [UUID: String] = [:]) throws {
        id = try assessment.requireID()
        involvementId = assessment.involvementId
        personId = assessment.personId
        status = assessment.status
        startedOn = assessment.startedOn
        dueOn = assessment.dueOn
        dueBy = DisplayFormat.iso8601(AssessmentStore.dueMoment(assessment))
        completedOn = assessment.completedOn
        let stored = AssessmentStore.decode([AssessmentDimensionEntry].self, assessment.dimensions) ?? []
        dimensions = AssessmentFramework.domains.flatMap { domain in
            domain.dimensions.compactMap { dimension in
                guard let entry = stored.first(where: { $0.code == dimension.code }) else { return nil }
                return Dimension(
                    code: dimension.code, domain: domain.code, label: dimension.label, strengths: entry.strengths,
                    needs: entry.needs)
            }
        }
        views = AssessmentStore.decode([AssessmentView].self, assessment.views) ?? []
        analysis = assessment.analysis
        judgement = assessment.judgement
        levelOfNeed = assessment.levelOfNeed
        outcome = assessment.outcome
        submittedAt = assessment.submittedAt.map(DisplayFormat.iso8601)
        version = assessment.version
        self.signOffs = signOffs.map {
            SignOffJSON(
                decision: $0.decision, comments: $0.comments, assessmentVersion: $0.assessmentVersion,
                decidedAt: DisplayFormat.iso8601($0.decidedAt), decidedBy: names[$0.decidedBy])
        }
    }
}

enum AssessmentStore {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The end of the due day, in London.
    static func dueMoment(_ assessment: Assessment) -> Date {
        CalendarDate(iso: assessment.dueOn).map(LondonTime.endOfDay) ?? assessment.createdAt
    }

    /// Writes checked input onto an assessment, new or existing. The due date defaults to the local
    /// early help timescale from the start date.
    static func apply(
        _ checked: AssessmentInput.Checked, to assessment: Assessment, names: [UUID: String], timescales: TimescaleBook
    ) throws {
        assessment.personId = checked.personId
        assessment.startedOn = checked.startedOn.iso
        let due =
            checked.dueOn
            ?? LondonTime.calendarDate(
                of: timescales[TimescaleDefaults.earlyHelpAssessment].dueMoment(
                    from: LondonTime.moment(checked.startedOn, hour: 12)))
        assessment.dueOn = due.iso
        assessment.dimensions = try encode(checked.dimensions)
        assessment.views = try encode(
            checked.views.map { AssessmentView(personId: $0.key, name: names[$0.key] ?? "", words: $0.value) }
                .sorted { $0.name < $1.name })
        assessment.analysis = checked.analysis
        assessment.judgement = checked.judgement
        assessment.levelOfNeed = checked.levelOfNeed
        assessment.outcome = checked.outcome
        assessment.updatedAt = Date()
    }

    /// Names of the people a piece of work is with, for views and choices.
    static func names(of ids: [UUID], on db: any SQLDatabase) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw(
            "SELECT id, given_name, family_name FROM people WHERE id IN (\(binds: ids)) ORDER BY family_name, given_name"
        ).all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (
                    try $0.decode(column: "id", as: UUID.self),
                    "\(try $0.decode(column: "given_name", as: String.self)) \(try $0.decode(column: "family_name", as: String.self))"
                )
            })
    }

    /// What each person said in recordings, newest first: a starting point for their view, so a child's
    /// words are carried into the assessment rather than typed again.
    static func wordsFromRecordings(of ids: [UUID], on db: any SQLDatabase) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT q.speaker_person_id, q.words, r.occurred_at
            FROM recording_quotes q JOIN recordings r ON r.id = q.recording_id
            WHERE q.speaker_person_id IN (\(binds: ids)) AND r.status = \(bind: RecordingStatus.submitted)
              AND NOT EXISTS (
                SELECT 1 FROM recording_subjects rs WHERE rs.recording_id = r.id AND rs.person_id NOT IN (\(binds: ids)))
            ORDER BY r.occurred_at DESC LIMIT 60
            """
        ).all()
        var words: [UUID: [String]] = [:]
        for row in rows {
            let id = try row.decode(column: "speaker_person_id", as: UUID.self)
            guard (words[id]?.count ?? 0) < 3 else { continue }
            let at = DisplayFormat.calendarDate(UKTime.dayString(try row.decode(column: "occurred_at", as: Date.self)))
            words[id, default: []].append("“\(try row.decode(column: "words", as: String.self))” (\(at))")
        }
        return words.mapValues { $0.joined(separator: "\n") }
    }
}
