/// A role a user holds across the organisation. A user may hold several.
///
/// The raw values are the names used in the database, the command line and the API.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case practitioner
    case seniorPractitioner = "senior-practitioner"
    case teamManager = "team-manager"
    case residentialWorker = "residential-worker"
    case registeredManager = "registered-manager"
    case safeguardingLead = "safeguarding-lead"
    case apprentice
    case tutorAssessor = "tutor-assessor"
    case auditor
    case administrator

    /// Roles that do casework, and so may reach the records of people allocated to them or their team.
    /// Tutors, auditors and administrators are deliberately absent: they never see a case record by
    /// team membership alone.
    public static let practiceRoles: [Role] = [
        .practitioner, .seniorPractitioner, .teamManager, .residentialWorker, .registeredManager, .apprentice,
    ]

    public var isPracticeRole: Bool { Role.practiceRoles.contains(self) }

    public var label: String {
        switch self {
        case .practitioner: "Practitioner"
        case .seniorPractitioner: "Senior practitioner (supervisor)"
        case .teamManager: "Team manager"
        case .residentialWorker: "Residential worker"
        case .registeredManager: "Registered manager"
        case .safeguardingLead: "Safeguarding lead"
        case .apprentice: "Apprentice"
        case .tutorAssessor: "Tutor or assessor"
        case .auditor: "Auditor"
        case .administrator: "Administrator"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Roles that manage a team: only these, with a manager's membership of the team, act as its manager.
extension Role {
    public static let managerRoles: [Role] = [.teamManager, .registeredManager, .seniorPractitioner]
}
