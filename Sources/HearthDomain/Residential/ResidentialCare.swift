import Foundation

/// The areas of a child's placement plan. Daily logs are tagged with one of them, so the day's notes
/// gather under the part of the plan they speak to.
public enum PlacementPlanAreas {
    public static let all: [CodedOption] = [
        .init("health", "Health"),
        .init("education", "Education (PEP, school, attendance)"),
        .init("emotional", "Emotional and behavioural support"),
        .init("identity", "Identity and culture"),
        .init("family-time", "Family time and contact"),
        .init("friendships", "Friendships and leisure"),
        .init("daily-care", "Day-to-day care and routines"),
        .init("independence", "Independence skills"),
    ]
}

/// Who may use a home's own records (its statement of purpose, rota, handovers, complaints and reports).
/// Deny by default: the home's staff team reads and writes the day's records; its managers also run
/// the home (admissions, moves, the rota, the regulation 44 and 45 reports).
public struct HomeAccessPolicy: Sendable {
    public enum Action: String, Sendable {
        /// Read the home's records and add to the day's (handovers, complaints, the statement's revisions).
        case work
        /// Admit, move, set the rota, write the regulatory reports.
        case manage
    }

    public init() {}

    public func decide(_ actor: Actor, _ action: Action, homeTeamId: UUID) -> AccessDecision {
        if let manager = actor.managerRole, actor.managedTeamIds.contains(homeTeamId) {
            return .allowed(role: manager)
        }
        guard action == .work, let practice = actor.practiceRole, actor.teamIds.contains(homeTeamId) else {
            return .denied(canBreakGlass: false)
        }
        return .allowed(role: practice)
    }
}

/// Patterns across a child's or a home's missing episodes, for the team to see: when children go, where
/// they are found, who they are with, and how often the return home interview happens.
public struct MissingPatterns: Sendable, Equatable, Codable {
    public struct Episode: Sendable {
        public var lastSeenAt: Date
        public var returnedAt: Date?
        public var whereFound: String?
        public var foundWith: String?
        public var interviewOffered: Bool

        public init(
            lastSeenAt: Date, returnedAt: Date?, whereFound: String?, foundWith: String?, interviewOffered: Bool
        ) {
            self.lastSeenAt = lastSeenAt
            self.returnedAt = returnedAt
            self.whereFound = whereFound
            self.foundWith = foundWith
            self.interviewOffered = interviewOffered
        }
    }

    public struct Count: Sendable, Equatable, Codable {
        public var label: String
        public var count: Int
    }

    public var episodes: Int
    /// Episodes by the time of day they were last seen, London time.
    public var byTimeOfDay: [Count]
    public var byDayOfWeek: [Count]
    /// Where children were found and who with, most frequent first (ties alphabetically).
    public var places: [Count]
    public var associates: [Count]
    public var returned: Int
    public var interviewsOffered: Int
    /// Hours away, for episodes that ended.
    public var averageHoursAway: Double?

    public static let timeBands: [(label: String, hours: Range<Int>)] = [
        ("Night (00:00 to 06:00)", 0..<6), ("Morning (06:00 to 12:00)", 6..<12),
        ("Afternoon (12:00 to 18:00)", 12..<18), ("Evening (18:00 to midnight)", 18..<24),
    ]
    static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    public init(_ episodes: [Episode]) {
        let calendar = LondonTime.calendar
        self.episodes = episodes.count
        byTimeOfDay = Self.timeBands.map { band in
            Count(
                label: band.label,
                count: episodes.filter { band.hours.contains(calendar.component(.hour, from: $0.lastSeenAt)) }.count)
        }
        byDayOfWeek = Self.weekdays.enumerated().map { index, name in
            Count(
                label: name,
                count: episodes.filter { calendar.component(.weekday, from: $0.lastSeenAt) == index + 1 }.count)
        }
        places = Self.tally(episodes.compactMap(\.whereFound))
        associates = Self.tally(episodes.compactMap(\.foundWith))
        let ended = episodes.compactMap { episode in episode.returnedAt.map { $0.timeIntervalSince(episode.lastSeenAt) }
        }
        returned = ended.count
        interviewsOffered = episodes.filter(\.interviewOffered).count
        averageHoursAway = ended.isEmpty ? nil : (ended.reduce(0, +) / Double(ended.count) / 3600 * 10).rounded() / 10
    }

    /// Free-text answers counted together regardless of case and spacing, shown as first written.
    static func tally(_ values: [String]) -> [Count] {
        var counts: [String: (label: String, count: Int)] = [:]
        for value in values {
            let label = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !label.isEmpty else { continue }
            let key = label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            counts[key, default: (label, 0)].count += 1
        }
        return counts.values.map { Count(label: $0.label, count: $0.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
    }
}
