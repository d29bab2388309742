import Fluent
import Foundation
import HearthDomain
import SQLKit

/// Writing recordings: creating them, editing them with their history kept, and refusing stale edits.
enum RecordingStore {
    /// A recording as it was before an edit, kept in `recording_revisions`.
    struct Snapshot: Codable {
        var kind: String
        var occurredAt: Date
        var place: String?
        var present: String?
        var childSeen: String?
        var seenAlone: String?
        var note: String
        var isSignificant: Bool
        var significanceCategory: String?
        var status: String
        var quotes: [RecordingInput.Quote]
    }

    enum UpdateOutcome: Sendable {
        case saved(version: Int)
        /// Someone saved a newer version first; nothing was changed.
        case conflict(current: Recording)
    }

    static func insert(
        id: UUID, _ checked: RecordingInput.Checked, subjects: [UUID], status: String, authorId: UUID,
        on db: any Database
    ) async throws {
        let now = Date()
        let recording = Recording()
        recording.id = id
        apply(checked, to: recording)
        recording.status = status
        recording.$author.id = authorId
        recording.submittedAt = status == RecordingStatus.submitted ? now : nil
        recording.version = 1
        recording.createdAt = now
        recording.updatedAt = now
        try await recording.create(on: db)
        for subject in subjects {
            try await RecordingSubject(
                recordingId: id, personId: subject, occurredAt: recording.occurredAt,
                inChronology: isInChronology(recording)
            ).create(on: db)
        }
        try await replaceQuotes(of: id, with: checked.quotes, on: db)
    }

    /// A recording is in its people's chronologies once it is submitted and significant: the subjects
    /// carry that fact so a chronology is read from their index (migration 012).
    static func isInChronology(_ recording: Recording) -> Bool {
        recording.isSignificant && recording.status == RecordingStatus.submitted
    }

    /// Applies an edit if `expectedVersion` is still current. Editing a submitted recording first keeps
    /// the old state as a revision.
    static func update(
        _ recording: Recording, with checked: RecordingInput.Checked, expectedVersion: Int, submit: Bool,
        editorId: UUID, on db: any Database
    ) async throws -> UpdateOutcome {
        guard recording.version == expectedVersion else { return .conflict(current: recording) }
        let id = try recording.requireID()
        if recording.status == RecordingStatus.submitted {
            let quotes = try await RecordingQuote.query(on: db).filter(\.$recording.$id == id).sort(\.$position).all()
            let snapshot = Snapshot(
                kind: recording.kind, occurredAt: recording.occurredAt, place: recording.place,
                present: recording.present,
                childSeen: recording.childSeen, seenAlone: recording.seenAlone, note: recording.note,
                isSignificant: recording.isSignificant, significanceCategory: recording.significanceCategory,
                status: recording.status,
                quotes: quotes.map {
                    .init(speakerPersonId: $0.speakerPersonId, speakerLabel: $0.speakerLabel, words: $0.words)
                })
            let revision = RecordingRevision()
            revision.$recording.id = id
            revision.version = recording.version
            revision.snapshot = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
            revision.editedBy = editorId
            revision.editedAt = Date()
            try await revision.create(on: db)
        }
        apply(checked, to: recording)
        if submit, recording.status == RecordingStatus.draft {
            recording.status = RecordingStatus.submitted
            recording.submittedAt = Date()
        }
        recording.updatedAt = Date()
        // The version guard is in the UPDATE itself, so two saves racing past the check above cannot
        // both win.
        let newVersion = expectedVersion + 1
        let updated = try await db.sql.update("recordings")
            .set("kind", to: recording.kind).set("occurred_at", to: recording.occurredAt)
            .set("place", to: recording.place).set("present", to: recording.present)
            .set("child_seen", to: recording.childSeen).set("seen_alone", to: recording.seenAlone)
            .set("note", to: recording.note).set("is_significant", to: recording.isSignificant)
            .set("significance_category", to: recording.significanceCategory).set("status", to: recording.status)
            .set("submitted_at", to: recording.submittedAt).set("involvement_id", to: recording.$involvement.id)
            .set("updated_at", to: recording.updatedAt).set("version", to: newVersion)
            .where("id", .equal, id).where("version", .equal, expectedVersion)
            .returning("id").all()
        guard updated.count == 1 else {
            throw RecordingConflict()
        }
        try await db.sql.update("recording_subjects").set("occurred_at", to: recording.occurredAt)
            .set("in_chronology", to: isInChronology(recording)).where("recording_id", .equal, id).run()
        try await replaceQuotes(of: id, with: checked.quotes, on: db)
        return .saved(version: newVersion)
    }

    struct RecordingConflict: Error {}

    private static func apply(_ checked: RecordingInput.Checked, to recording: Recording) {
        recording.kind = checked.kind
        recording.occurredAt = checked.occurredAt
        recording.place = checked.place
        recording.present = checked.present
        recording.childSeen = checked.childSeen
        recording.seenAlone = checked.seenAlone
        recording.note = checked.note
        recording.isSignificant = checked.isSignificant
        recording.significanceCategory = checked.significanceCategory
        recording.$involvement.id = checked.involvementId
    }

    private static func replaceQuotes(of id: UUID, with quotes: [RecordingInput.Quote], on db: any Database)
        async throws
    {
        try await RecordingQuote.query(on: db).filter(\.$recording.$id == id).delete()
        for (position, quote) in quotes.enumerated() {
            try await RecordingQuote(
                recordingId: id, speakerPersonId: quote.speakerPersonId, speakerLabel: quote.speakerLabel,
                words: quote.words,
                position: position
            ).create(on: db)
        }
    }

    /// The form's values for an existing recording.
    static func input(from recording: Recording, subjects: [UUID], quotes: [RecordingQuote]) -> RecordingInput {
        var input = RecordingInput()
        input.kind = recording.kind
        input.date = UKTime.dayString(recording.occurredAt)
        input.time = UKTime.timeString(recording.occurredAt)
        input.place = recording.place
        input.present = recording.present
        input.childSeen = recording.childSeen
        input.seenAlone = recording.seenAlone
        input.note = recording.note
        input.isSignificant = recording.isSignificant ? "true" : nil
        input.significanceCategory = recording.significanceCategory
        input.involvementId = recording.$involvement.id?.uuidString
        input.alsoAbout = subjects.dropFirst().map(\.uuidString)
        input.quoteSpeaker = quotes.map { $0.speakerPersonId?.uuidString ?? "" }
        input.quoteWords = quotes.map(\.words)
        input.version = recording.version
        return input
    }

    static func view(_ recording: Recording, subjectIds: [UUID], on db: any Database) async throws -> RecordingView {
        let id = try recording.requireID()
        let quotes = try await RecordingQuote.query(on: db).filter(\.$recording.$id == id).sort(\.$position).all()
        let subjects = try await Person.query(on: db).filter(\.$id ~~ subjectIds).all().map(PersonSummary.init)
        let author = try await UserNames.lookup([recording.$author.id], on: db.sql)
        return RecordingView(
            id: id, kind: Vocabulary.recordingKinds.label(for: recording.kind) ?? recording.kind,
            occurredAt: DisplayFormat.dateTime(recording.occurredAt), place: recording.place,
            present: recording.present,
            childSeen: Vocabulary.seen.label(for: recording.childSeen),
            seenAlone: Vocabulary.seen.label(for: recording.seenAlone),
            note: recording.note, isSignificant: recording.isSignificant,
            significanceCategory: Vocabulary.significanceCategories.label(for: recording.significanceCategory),
            isDraft: recording.status == RecordingStatus.draft, author: author[recording.$author.id] ?? "Unknown",
            subjects: subjects,
            quotes: quotes.map {
                .init(speakerPersonId: $0.speakerPersonId, speakerLabel: $0.speakerLabel, words: $0.words)
            }
            .nonEmpty)
    }
}
