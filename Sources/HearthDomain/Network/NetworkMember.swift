import Foundation

/// Where someone sits in a person's network. The ecomap gives each role its own sector.
public enum NetworkRole: String, CaseIterable, Codable, Sendable {
    case family
    case friend
    case professional
    case other

    /// The heading of the role's group, in the picture and in its table.
    public var groupLabel: String {
        switch self {
        case .family: "Family"
        case .friend: "Friends"
        case .professional: "Professionals"
        case .other: "Other"
        }
    }
}

/// How a member of the network is related to the person the network belongs to (the focus person), as
/// seen from the focus person: `.mother` means "this member is the focus person's mother".
///
/// The raw values are the codes used in the database, forms and the API.
///
/// `child` and `grandchild` are here so that every parent and grandparent relationship has an inverse:
/// seen from the mother, the focus person is her child. A young person may also have children of their
/// own. Step, foster and caring relationships have no case for the other direction (there is no
/// "stepchild" or "foster child" here), because the focus person of a network is the child in almost
/// every case; `inverse(focusSex:)` answers nil for them rather than guess.
public enum RelationshipKind: String, CaseIterable, Codable, Sendable {
    case mother
    case father
    case stepParent = "step-parent"
    case parentsPartner = "parents-partner"
    case sibling
    case halfSibling = "half-sibling"
    case grandparent
    case carer
    case fosterCarer = "foster-carer"
    case friend
    case partner
    case professional
    case other
    case child
    case grandchild

    /// The words used when no more specific label (such as "Half-sister") has been recorded.
    public var label: String {
        switch self {
        case .mother: "Mother"
        case .father: "Father"
        case .stepParent: "Step-parent"
        case .parentsPartner: "Parent’s partner"
        case .sibling: "Sibling"
        case .halfSibling: "Half-sibling"
        case .grandparent: "Grandparent"
        case .carer: "Carer"
        case .fosterCarer: "Foster carer"
        case .friend: "Friend"
        case .partner: "Partner"
        case .professional: "Professional"
        case .other: "Other"
        case .child: "Child"
        case .grandchild: "Grandchild"
        }
    }

    /// The role a member with this relationship has unless told otherwise. Carers and foster carers count
    /// as family because, for the child, they are the people at home.
    public var defaultRole: NetworkRole {
        switch self {
        case .friend: .friend
        case .professional: .professional
        case .other: .other
        default: .family
        }
    }

    /// The genogram generation relative to the focus person: −2 grandparents, −1 parents and carers, 0
    /// siblings and partners, +1 children, +2 grandchildren. Friends, professionals and others default
    /// to the focus person's own row.
    public var defaultGeneration: Int {
        switch self {
        case .grandparent: -2
        case .mother, .father, .stepParent, .parentsPartner, .carer, .fosterCarer: -1
        case .sibling, .halfSibling, .partner, .friend, .professional, .other: 0
        case .child: 1
        case .grandchild: 2
        }
    }

    /// The sex a genogram assumes when none has been recorded.
    public var defaultSex: NetworkMember.Sex {
        switch self {
        case .mother: .female
        case .father: .male
        default: .unknown
        }
    }

    /// The relationship the other way round: what the focus person is to this member. Seen from a
    /// child, the focus person is their mother or father, so the answer for `.child` depends on the focus
    /// person's sex and is nil when that is not recorded. Nil too where no case fits (see the type's
    /// documentation).
    public func inverse(focusSex: NetworkMember.Sex = .unknown) -> RelationshipKind? {
        switch self {
        case .mother, .father: .child
        case .grandparent: .grandchild
        case .grandchild: .grandparent
        case .child:
            switch focusSex {
            case .female: .mother
            case .male: .father
            case .unknown: nil
            }
        case .sibling, .halfSibling, .friend, .partner, .other: self
        case .stepParent, .parentsPartner, .carer, .fosterCarer, .professional: nil
        }
    }
}

/// One person in someone's network, as the network pictures need them.
public struct NetworkMember: Sendable, Equatable, Identifiable {
    /// The sex a genogram draws: a square for male, a circle for female, a diamond with a question mark
    /// when it has not been recorded.
    public enum Sex: String, CaseIterable, Codable, Sendable {
        case male
        case female
        case unknown

        public var label: String {
            switch self {
            case .male: "Male"
            case .female: "Female"
            case .unknown: "Not recorded"
            }
        }
    }

    public var id: UUID
    /// The name the focus person uses for them, as it should appear in the picture.
    public var displayName: String
    public var kind: RelationshipKind
    /// The relationship in words, as seen from the focus person ("Half-sister", "Social worker", "Nan").
    public var relationship: String
    public var role: NetworkRole
    /// Lives in the same household as the focus person.
    public var livesWith: Bool
    /// The focus person says this person is important to them.
    public var importantToMe: Bool
    public var sex: Sex
    public var birthYear: Int?
    public var isDeceased: Bool
    /// The agency or organisation a professional works for.
    public var organisation: String?
    /// The genogram row relative to the focus person (−2 grandparents, −1 parents, 0 siblings and partners,
    /// +1 children).
    public var generation: Int
    /// The member through whom the relationship runs, when the genogram needs it to draw the right line:
    /// - a half-sibling: the parent they share with the focus person, or, when their other parent is in
    ///   the network as that parent's partner (a step-parent or parent's partner), that partner;
    /// - a grandparent: the parent who is their child;
    /// - a step-parent or a parent's partner: the parent they are the partner of;
    /// - the focus person's child: the focus person's partner, when that partner is the other parent;
    /// - a grandchild: the focus person's child who is their parent.
    ///
    /// When it is nil the genogram works it out from the relationships recorded between members (see
    /// `MemberRelationship`). Failing that it draws the person in the right row but unconnected, rather
    /// than guess.
    public var relatedThrough: UUID?

    /// Any argument left nil takes the default for `kind`: its label, role, sex and generation.
    public init(
        id: UUID, displayName: String, kind: RelationshipKind, relationship: String? = nil,
        role: NetworkRole? = nil, livesWith: Bool = false, importantToMe: Bool = false, sex: Sex? = nil,
        birthYear: Int? = nil, isDeceased: Bool = false, organisation: String? = nil, generation: Int? = nil,
        relatedThrough: UUID? = nil
    ) {
        self.id = id
        self.displayName = displayName
        self.kind = kind
        self.relationship = relationship ?? kind.label
        self.role = role ?? kind.defaultRole
        self.livesWith = livesWith
        self.importantToMe = importantToMe
        self.sex = sex ?? kind.defaultSex
        self.birthYear = birthYear
        self.isDeceased = isDeceased
        self.organisation = organisation
        self.generation = generation ?? kind.defaultGeneration
        self.relatedThrough = relatedThrough
    }
}

/// A relationship recorded between two members of a network, neither of them the focus person, as it
/// is stored: `relatedPersonId` is `kind` to `personId`, so (Cian, `.mother`, Niamh) says Niamh is Cian's
/// mother. The genogram uses these to find the `relatedThrough` that no one gave it.
public struct MemberRelationship: Sendable, Equatable {
    public var personId: UUID
    public var kind: RelationshipKind
    public var relatedPersonId: UUID

    public init(personId: UUID, kind: RelationshipKind, relatedPersonId: UUID) {
        self.personId = personId
        self.kind = kind
        self.relatedPersonId = relatedPersonId
    }
}

/// The person a network belongs to: the child or young person at the centre of the ecomap and
/// double-outlined in the genogram.
public struct NetworkFocus: Sendable, Equatable {
    public var id: UUID
    public var displayName: String
    /// The name used in short phrases such as "Lives with Jamie"; by default the first word of the
    /// display name.
    public var shortName: String
    public var sex: NetworkMember.Sex
    public var birthYear: Int?

    public init(
        id: UUID, displayName: String, shortName: String? = nil, sex: NetworkMember.Sex = .unknown,
        birthYear: Int? = nil
    ) {
        self.id = id
        self.displayName = displayName
        let firstWord = displayName.split(separator: " ").first.map(String.init) ?? displayName
        self.shortName = shortName ?? firstWord
        self.sex = sex
        self.birthYear = birthYear
    }
}

extension [NetworkMember] {
    /// The members with each missing `relatedThrough` worked out from the relationships recorded between
    /// them, by the rules `relatedThrough` lists. A relationship counts whichever side it was recorded
    /// from: (Cian, `.mother`, Niamh) and (Niamh, `.child`, Cian) say the same, as do (Niamh, `.partner`,
    /// Gary) and (Gary, `.partner`, Niamh). A member with no such relationship is left unlinked.
    func linked(by relationships: [MemberRelationship]) -> [NetworkMember] {
        guard !relationships.isEmpty else { return self }
        var parentAndChild: Set<[UUID]> = []
        var partners: Set<[UUID]> = []
        for relationship in relationships {
            let (person, related) = (relationship.personId, relationship.relatedPersonId)
            switch relationship.kind {
            case .mother, .father: parentAndChild.insert([related, person])
            case .child: parentAndChild.insert([person, related])
            case .partner: partners.formUnion([[person, related], [related, person]])
            default: break
            }
        }
        func isParent(_ parent: NetworkMember, of child: NetworkMember) -> Bool {
            parentAndChild.contains([parent.id, child.id])
        }

        var result = self
        func ofKind(_ kinds: Set<RelationshipKind>) -> [NetworkMember] { result.filter { kinds.contains($0.kind) } }
        let parents = ofKind([.mother, .father])
        let parentsPartnerKinds: Set<RelationshipKind> = [.stepParent, .parentsPartner]
        // Parents' partners first, so that a half-sibling can be linked through one found here.
        let order =
            indices.filter { parentsPartnerKinds.contains(self[$0].kind) }
            + indices.filter { !parentsPartnerKinds.contains(self[$0].kind) }
        for index in order where result[index].relatedThrough == nil {
            let member = result[index]
            let through: NetworkMember? =
                switch member.kind {
                case .stepParent, .parentsPartner: parents.first { partners.contains([$0.id, member.id]) }
                case .grandparent: parents.first { isParent(member, of: $0) }
                case .halfSibling:
                    // Their other parent when that is a parent's partner the genogram draws, so the line comes
                    // down from that couple; otherwise the parent they share with the focus person.
                    (ofKind(parentsPartnerKinds).filter { $0.relatedThrough != nil } + parents).first {
                        isParent($0, of: member)
                    }
                case .child: ofKind([.partner]).first { isParent($0, of: member) }
                case .grandchild: ofKind([.child]).first { isParent($0, of: member) }
                default: nil
                }
            result[index].relatedThrough = through?.id
        }
        return result
    }
}
