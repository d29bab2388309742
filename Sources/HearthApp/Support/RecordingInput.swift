import Foundation
import HearthDomain
import Vapor

/// What a person types into a recording, from the form or the API, checked field by field.
struct RecordingInput: Content, Sendable {
    var kind: String?
    /// YYYY-MM-DD and HH:MM in UK time (the form), or `occurredAt` in ISO 8601 (the API).
    var date: String?
    var time: String?
    var occurredAt: String?
    var place: String?
    var present: String?
    var childSeen: String?
    var seenAlone: String?
    var note: String?
    var isSignificant: String?
    var significanceCategory: String?
    var involvementId: String?
    var alsoAbout: [String]?
    var quoteSpeaker: [String]?
    var quoteWords: [String]?
    var version: Int?
    /// "draft", "submit", or "autosave" (a draft saved by the page's script).
    var intent: String?

    struct Quote: Sendable, Equatable, Codable {
        var speakerPersonId: UUID?
        var speakerLabel: String
        var words: String
    }

    /// The checked values, ready to store.
    struct Checked: Sendable {
        var kind: String
        var occurredAt: Date
        var place: String?
        var present: String?
        var childSeen: String?
        var seenAlone: String?
        var note: String
        var isSignificant: Bool
        var significanceCategory: String?
        var involvementId: UUID?
        var alsoAbout: [UUID]
        var quotes: [Quote]
    }

    static let noteLimit = 20_000
    static let shortLimit = 200
    static let presentLimit = 1_000
    static let quoteLimit = 4_000

    var isSubmission: Bool { intent == "submit" }

    /// Checks the input against the person's circle: only they may be quoted or also be the subject.
    func check(circle: [PeopleQueries.CircleMember], now: Date = Date()) -> (Checked?, FieldErrorList) {
        check(speakers: Dictionary(circle.map { ($0.id, $0.name) }) { first, _ in first }, now: now)
    }

    /// Checks the input. Drafts may be incomplete; a submission needs what a record needs.
    /// `speakers` maps the people who may be quoted to their names.
    func check(speakers: [UUID: String], now: Date = Date()) -> (Checked?, FieldErrorList) {
        var errors = FieldErrorList()
        let submitting = isSubmission
        let kind = (self.kind ?? "").trimmed
        if kind.isEmpty {
            if submitting { errors.add("kind", "Select what kind of contact this was") }
        } else if !Vocabulary.recordingKinds.contains(code: kind) {
            errors.add("kind", "Select what kind of contact this was")
        }
        var occurred: Date?
        if let iso = occurredAt?.trimmed, !iso.isEmpty {
            occurred = ISO8601DateFormatter().date(from: iso)
            if occurred == nil { errors.add("occurredAt", "Date and time must be ISO 8601, like 2026-11-03T14:30:00Z") }
        } else {
            let date = (self.date ?? "").trimmed
            let time = (self.time ?? "").trimmed
            if date.isEmpty {
                errors.add("date", "Enter the date it happened")
            } else if let day = UKTime.date(date, time: time.isEmpty ? "00:00" : time) {
                occurred = day
            } else if UKTime.date(date, time: "00:00") == nil {
                errors.add("date", "Date must be a real date, like \(DateField.example)")
            } else {
                errors.add("time", "Time must be a 24-hour time, like 14:30")
            }
        }
        if let occurred, occurred > now.addingTimeInterval(5 * 60) {
            errors.add(occurredAt == nil ? "date" : "occurredAt", "Date and time must not be in the future")
        }
        let place = place?.trimmed.nilIfEmpty
        if let place, place.count > Self.shortLimit {
            errors.add("place", "Place must be \(Self.shortLimit) characters or fewer")
        }
        let present = present?.trimmed.nilIfEmpty
        if let present, present.count > Self.presentLimit {
            errors.add(
                "present", "Who was present must be \(DisplayFormat.number(Self.presentLimit)) characters or fewer")
        }
        let childSeen = childSeen?.trimmed.nilIfEmpty
        if let childSeen, !Vocabulary.seen.contains(code: childSeen) {
            errors.add("childSeen", "Select whether the child was seen")
        }
        if submitting, childSeen == nil { errors.add("childSeen", "Select whether the child was seen") }
        var seenAlone = seenAlone?.trimmed.nilIfEmpty
        if childSeen != "yes" { seenAlone = nil }
        if let value = seenAlone, !Vocabulary.seen.contains(code: value) {
            errors.add("seenAlone", "Select whether the child was seen alone")
        }
        if submitting, childSeen == "yes", seenAlone == nil {
            errors.add("seenAlone", "Select whether the child was seen alone")
        }
        let note = (self.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if submitting, note.isEmpty { errors.add("note", "Enter your note of what happened") }
        if note.count > Self.noteLimit {
            errors.add("note", "Note must be \(DisplayFormat.number(Self.noteLimit)) characters or fewer")
        }
        let significant = isSignificant == "true" || isSignificant == "on" || isSignificant == "yes"
        let category = significanceCategory?.trimmed.nilIfEmpty
        if significant {
            if category == nil || !Vocabulary.significanceCategories.contains(code: category!) {
                errors.add("significanceCategory", "Select what kind of significant event this is")
            }
        }
        var involvement: UUID?
        if let text = involvementId?.trimmed.nilIfEmpty {
            involvement = UUID(uuidString: text)
            if involvement == nil { errors.add("involvementId", "Select a piece of work from the list") }
        }
        var also: [UUID] = []
        for text in alsoAbout ?? [] where !text.isEmpty {
            guard let id = UUID(uuidString: text), speakers[id] != nil else {
                errors.add("alsoAbout", "Select people from the list")
                break
            }
            also.append(id)
        }
        var quotes: [Quote] = []
        let speakersGiven = quoteSpeaker ?? []
        let words = quoteWords ?? []
        for index in 0..<max(speakersGiven.count, words.count) {
            let said = (index < words.count ? words[index] : "").trimmingCharacters(in: .whitespacesAndNewlines)
            let speaker = (index < speakersGiven.count ? speakersGiven[index] : "").trimmed
            if said.isEmpty { continue }
            let field = "quoteWords\(index)"
            if said.count > Self.quoteLimit {
                errors.add(field, "Their words must be \(DisplayFormat.number(Self.quoteLimit)) characters or fewer")
                continue
            }
            guard let id = UUID(uuidString: speaker), let name = speakers[id] else {
                errors.add("quoteSpeaker\(index)", "Select who said it")
                continue
            }
            quotes.append(Quote(speakerPersonId: id, speakerLabel: name, words: said))
        }
        guard errors.isEmpty, let occurred else { return (nil, errors) }
        return (
            Checked(
                kind: kind.isEmpty ? "visit" : kind, occurredAt: occurred, place: place, present: present,
                childSeen: childSeen, seenAlone: seenAlone, note: note, isSignificant: significant,
                significanceCategory: significant ? category : nil, involvementId: involvement, alsoAbout: also,
                quotes: quotes),
            errors
        )
    }
}

/// Dates and times as people in England type them.
enum UKTime {
    static var calendar: Calendar { LondonTime.calendar }

    /// A moment from a date and an HH:MM time in UK time; nil if either is not real. The date is ISO, as
    /// stored and as date fields send it, or as people write it (`CalendarDate(ukOrISO:)`), for a browser
    /// that shows a date field as plain text.
    static func date(_ day: String, time: String) -> Date? {
        let timeParts = time.split(separator: ":").compactMap { Int($0) }
        guard let date = CalendarDate(iso: day) ?? CalendarDate(ukOrISO: day), timeParts.count == 2,
            (0..<24).contains(timeParts[0]), (0..<60).contains(timeParts[1])
        else { return nil }
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: timeParts[0], minute: timeParts[1])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    static func dayString(_ date: Date) -> String {
        LondonTime.calendarDate(of: date).iso
    }

    static func timeString(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return "\(parts.hour!.zeroPadded(2)):\(parts.minute!.zeroPadded(2))"
    }

    static func today() -> String { dayString(Date()) }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
