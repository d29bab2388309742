import Fluent
import Foundation
import HearthDomain
import SQLKit

/// The pseudonymised extract of a piece of practice, as a tutor or assessor would see it.
///
/// Everyone linked to the work is gathered (the recording's subjects, everyone its involvement is with,
/// and the people related to any of them) with every identifying fact the record holds about them, so
/// the pseudonymiser can remove each one, consistently, wherever it appears.
enum EvidenceExtract {
    static func forRecording(_ recording: Recording, subjects: [UUID], on db: any Database) async throws
        -> PseudonymisedText
    {
        let recordingId = try recording.requireID()
        var people = subjects
        if let involvement = recording.$involvement.id {
            people += try await InvolvementSubject.query(on: db).filter(\.$involvement.$id == involvement).all()
                .map(\.$person.id)
        }
        let related = try await Relationship.query(on: db).filter(\.$person.$id ~~ people).all().map(
            \.$relatedPerson.id)
        var seen = Set<UUID>()
        let everyone = (people + related).filter { seen.insert($0).inserted }
        let known = try await knownPeople(everyone, primary: subjects.first, on: db)
        let quotes = try await RecordingQuote.query(on: db).filter(\.$recording.$id == recordingId)
            .sort(\.$position).all()
        var text = recording.note
        if let place = recording.place, !place.isEmpty { text = "Where: \(place)\n" + text }
        if let present = recording.present, !present.isEmpty { text = "Present: \(present)\n" + text }
        for quote in quotes { text += "\n\(quote.speakerLabel) said: “\(quote.words)”" }
        return Pseudonymiser(people: known).pseudonymise(text)
    }

    /// Text about a piece of work (an assessment, a plan): everyone it is with and their relations.
    static func forWorkText(_ text: String, subjects: [UUID], primary: UUID?, on db: any Database) async throws
        -> PseudonymisedText
    {
        let related = try await Relationship.query(on: db).filter(\.$person.$id ~~ subjects).all().map(
            \.$relatedPerson.id)
        var seen = Set<UUID>()
        let everyone = (subjects + related).filter { seen.insert($0).inserted }
        let known = try await knownPeople(everyone, primary: primary ?? subjects.first, on: db)
        return Pseudonymiser(people: known).pseudonymise(text)
    }

    /// A reflection or supervision note written by `authorId`: it may name anyone in their work, so
    /// everyone in the pieces of work allocated to them (and those people's relations) is removed.
    static func forAuthorsText(_ text: String, authorId: UUID, on db: any Database) async throws -> PseudonymisedText {
        let work = try await Involvement.query(on: db).filter(\.$allocatedUser.$id == authorId).all().compactMap(\.id)
        let subjects = try await InvolvementSubject.query(on: db).filter(\.$involvement.$id ~~ work).all()
            .map(\.$person.id)
        let related = try await Relationship.query(on: db).filter(\.$person.$id ~~ subjects).all().map(
            \.$relatedPerson.id)
        var seen = Set<UUID>()
        let everyone = (subjects + related).filter { seen.insert($0).inserted }
        let known = try await knownPeople(everyone, primary: nil, on: db)
        return Pseudonymiser(people: known).pseudonymise(text)
    }

    /// Every identifying fact about each person, in three queries. The primary person comes first: as
    /// "Child A" when they are a child; other children are siblings, 18 to 25 young people and older
    /// adults parents or carers (`PseudonymRole.inExtract`). With no primary child (a reflection across
    /// several pieces of work, or work recorded against an adult) every child is a child.
    static func knownPeople(_ ids: [UUID], primary: UUID?, on db: any Database) async throws -> [KnownPerson] {
        guard !ids.isEmpty else { return [] }
        let people = try await Person.query(on: db).filter(\.$id ~~ ids).all()
        let names = try await PersonName.query(on: db).filter(\.$person.$id ~~ ids).all()
        let addresses = try await Address.query(on: db).filter(\.$person.$id ~~ ids).all()
        let today = LondonTime.calendarDate(of: Date())
        let ordered = people.sorted { a, b in
            if a.id == primary { return true }
            if b.id == primary { return false }
            return (a.dateOfBirth ?? "9999") > (b.dateOfBirth ?? "9999")
        }
        let focusChild = people.first {
            $0.id == primary && PseudonymRole.isChild(born: $0.dateOfBirth.flatMap(CalendarDate.init(iso:)), on: today)
        }?.id
        return ordered.map { person in
            let id = person.id!
            let born = person.dateOfBirth.flatMap(CalendarDate.init(iso:))
            let role = PseudonymRole.inExtract(
                born: born, today: today, isFocus: id == focusChild, workHasFocusChild: focusChild != nil)
            let theirAddresses = addresses.filter { $0.$person.id == id }
            return KnownPerson(
                role: role, givenNames: person.givenName.split(separator: " ").map(String.init),
                familyName: person.familyName, preferredName: person.preferredName,
                otherNames: names.filter { $0.$person.id == id }.map(\.name),
                datesOfBirth: [born, person.expectedDateOfBirth.flatMap(CalendarDate.init(iso:))].compactMap { $0 },
                nhsNumbers: [person.nhsNumber].compactMap { $0 }, upns: [person.upn].compactMap { $0 },
                ulns: [person.uln].compactMap { $0 },
                addresses: theirAddresses.map {
                    KnownPerson.Address(lines: [$0.line1, $0.line2].compactMap { $0 }, town: $0.town)
                },
                postcodes: theirAddresses.map(\.postcode), schools: [person.school].compactMap { $0 })
        }
    }
}
