import Fluent
import HearthDomain
import SQLKit
import Vapor

struct FamilyPage: Encodable {
    var layout: Layout
    var name: String
    var members: [PersonSummary]
    var hiddenMembers: Int
    var entries: [ChronologyPage.Entry]?
}

/// A family or household: its members and one chronology for all of them.
///
/// The page shows only the members the user may open, and only their events; if the user may open
/// none of them, the family does not exist for them (404).
enum FamilyController {
    struct Loaded: Sendable {
        var family: Family
        var memberIds: [UUID]
        var visible: Set<UUID>
    }

    static func show(req: Request) async throws -> View {
        let familyId = try req.uuidParameter("familyId")
        let actor = try req.requireUser().actor
        let scope = PersonVisibilityScope(for: actor)
        let page: FamilyPage = try await RecordGate.pass(
            req, subject: .family(familyId), audit: .view,
            check: { db -> RecordGate.Verdict<Loaded> in
                guard let family = try await Family.find(familyId, on: db) else { return .missing }
                let memberIds = try await FamilyMember.query(on: db).filter(\.$family.$id == familyId).all().map {
                    $0.$person.id
                }
                let visible = try await PeopleQueries.visibleIds(among: memberIds, scope, on: db.sql)
                guard !visible.isEmpty else { return .denied(canBreakGlass: false) }
                // The role recorded is the one that opens the first visible member.
                let facts = try await PersonAccess.loadFacts(personId: visible.first!, on: db.sql)
                guard case .allowed(let role) = PersonAccess.policy.decide(actor, .view, facts) else {
                    return .denied(canBreakGlass: false)
                }
                return .allowed(Loaded(family: family, memberIds: memberIds, visible: visible), role: role)
            },
            work: { loaded, _, db in
                let (family, memberIds, visible) = (loaded.family, loaded.memberIds, loaded.visible)
                let members = try await Person.query(on: db).filter(\.$id ~~ Array(visible)).sort(\.$familyName)
                    .sort(\.$givenName).all().map(PersonSummary.init)
                let entries = try await ChronologyQueries.entries(
                    focus: members.map(\.id), linked: [:], filter: ChronologyFilter(), on: db.sql)
                let names = Dictionary(members.map { ($0.id, "\($0.givenName) \($0.familyName)") }) { a, _ in a }
                return FamilyPage(
                    layout: Layout(req, title: family.name), name: family.name, members: members,
                    hiddenMembers: memberIds.count - visible.count,
                    entries: mergedByEvent(entries.reversed(), names: names).nonEmpty)
            })
        return try await req.view.render("families/show", page)
    }

    /// One entry per event, naming everyone in the family it concerns: a plan for three children is one
    /// plan review, and a household's move, kept on each member's own record, is one move. Entries are the
    /// same event when their source type, kind, moment and words are; the first one's link is kept.
    static func mergedByEvent(_ entries: [ChronologyEntry], names: [UUID: String]) -> [ChronologyPage.Entry] {
        struct Event: Hashable {
            var sourceType: String
            var kind: ChronologyEntry.Kind
            var at: Date
            var summary: String
        }
        var order: [Event] = []
        var byEvent: [Event: (entry: ChronologyEntry, people: [String])] = [:]
        for entry in entries {
            let event = Event(sourceType: entry.sourceType, kind: entry.kind, at: entry.at, summary: entry.summary)
            let name = names[entry.personId]
            if byEvent[event] == nil {
                order.append(event)
                byEvent[event] = (entry, [])
            }
            if let name, byEvent[event]?.people.contains(name) == false { byEvent[event]?.people.append(name) }
        }
        return order.compactMap { event in
            byEvent[event].map { ChronologyPage.Entry($0.entry, byline: listed($0.people).nilIfEmpty) }
        }
    }
}

extension PersonPageQueries {
    struct FamilyLine: Encodable, Sendable {
        var id: UUID
        var name: String
    }

    static func families(of personId: UUID, on db: any SQLDatabase) async throws -> [FamilyLine] {
        try await db.raw(
            """
            SELECT f.id, f.name FROM family_members m JOIN families f ON f.id = m.family_id
            WHERE m.person_id = \(bind: personId) ORDER BY f.name
            """
        ).all().map {
            FamilyLine(
                id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self))
        }
    }
}
