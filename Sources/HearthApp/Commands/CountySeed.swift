import Fluent
import FluentSQLiteDriver
import Foundation
import HearthDomain
import SQLKit
import Vapor

/// `hearth seed county`: a large council's ten years, synthetic and deterministic, for the benchmarks.
///
/// At scale 1: 1,000 staff in 80 teams, 60,000 children among 150,000 people in households (with
/// relationships, addresses and a few near-duplicate records with typos), 150,000 pieces of work and
/// 5,000,000 recordings whose lengths and numbers per child have a heavy tail, safeguarding concerns, and
/// plans with their goals, actions and reviews, key decisions and managers' oversight. The same seed and
/// scale give the same rows, ids included. Rows go in by multi-row inserts in large transactions on one
/// connection; most secondary indexes and the recordings' search index are made once at the end.
struct CountySeed {
    /// What the benchmark needs to find its way in.
    struct Manifest: Codable {
        var engine: String
        var scale: Double
        var seed: UInt64
        var seedSeconds: Double
        var benchUser: String
        var benchPassword: String
        var heavyPersonId: UUID
        var heavyPersonRecordings: Int
        var personSearch: String
        var fullTextSearch: String
        var fullTextFrom: String
        var counts: [String: Int]
    }

    static let benchUser = "bench.practitioner@hearth.example"
    static let benchPassword = "hearth-bench-password"

    var scale: Double
    var seed: UInt64
    /// The last day of the ten years (a fixed default, so the data do not depend on the day it is made).
    var until = CalendarDate(year: 2026, month: 11, day: 30)!
    var progress: @Sendable (String) -> Void = { _ in }

    func count(_ full: Int, minimum: Int) -> Int { max(minimum, Int((Double(full) * scale).rounded())) }

    // MARK: Deterministic ids and randomness

    /// Ids that sort in the order they are made (an insert appends to each index instead of landing at
    /// random), unique per seed.
    struct IdMaker {
        var next: UInt64 = 1
        let salt: UInt64

        mutating func make() -> UUID {
            let n = next
            next += 1
            var bytes = [UInt8](repeating: 0, count: 16)
            for i in 0..<6 { bytes[i] = UInt8((n >> (8 * (5 - UInt64(i)))) & 0xFF) }
            bytes[6] = 0x80 | UInt8((salt >> 56) & 0x0F)
            bytes[7] = UInt8((salt >> 48) & 0xFF)
            bytes[8] = 0x80 | UInt8((salt >> 40) & 0x3F)
            for i in 9..<16 { bytes[i] = UInt8((salt >> (8 * UInt64(15 - i))) & 0xFF) }
            return UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                    bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        }
    }

    /// A name list with frequencies, read from `Resources/seed/names`.
    struct WeightedList {
        var values: [String]
        var cumulative: [Int]

        init(file: String) throws {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            var values: [String] = []
            var cumulative: [Int] = []
            var total = 0
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: ",")
                guard parts.count == 2, let weight = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
                    continue
                }
                total += weight
                values.append(String(parts[0]))
                cumulative.append(total)
            }
            guard total > 0 else { throw CommandError("No names in \(file)") }
            self.values = values
            self.cumulative = cumulative
        }

        func pick(_ random: inout SeededRandom) -> String {
            let target = random.next(in: 1...cumulative.last!)
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] < target { low = mid + 1 } else { high = mid }
            }
            return values[low]
        }
    }

    // MARK: Bulk loading

    /// The tables the seed fills in bulk, whose secondary indexes wait until they are full. Not
    /// `recordings`: its rows are wide (the notes), so making an index afterwards reads gigabytes for
    /// each one; at county scale making all five took longer than keeping them as it filled.
    static let loadedTables = [
        "people", "person_search_keys", "addresses", "relationships", "family_members", "involvements",
        "involvement_subjects", "allocations", "need_level_changes", "recording_subjects", "concerns", "plans",
        "plan_goals", "plan_actions", "plan_reviews", "decisions",
    ]

    /// The recordings' indexes that wait all the same: recordings go in in time order, so their keys
    /// (a piece of work, an author) land all over these indexes, which outgrow the page cache; the
    /// others grow at their ends.
    static let deferredRecordingIndexes = [
        "recordings_involvement", "recordings_involvement_status", "recordings_author",
    ]

    /// Secondary indexes dropped while the tables fill and made again afterwards: one sort per index
    /// instead of millions of inserts at random places in it (a recording's time, a person's id). Indexes
    /// that back a primary key or a unique constraint stay, as do the rules they enforce. A seed that fails
    /// half-way leaves a database without them, to be thrown away like any half-seeded one.
    struct DeferredIndexes {
        var statements: [String]

        static func drop(
            on tables: [String], andIndexes indexes: [String], _ sql: any SQLDatabase, isSQLite: Bool
        ) async throws -> Self {
            let found: SQLQueryString =
                isSQLite
                ? """
                SELECT name, sql AS definition FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL
                AND (tbl_name IN (\(binds: tables)) OR name IN (\(binds: indexes)))
                """
                : """
                SELECT indexname AS name, indexdef AS definition FROM pg_indexes
                WHERE schemaname = current_schema()
                AND (tablename IN (\(binds: tables)) OR indexname IN (\(binds: indexes)))
                AND indexname NOT IN (SELECT conname FROM pg_constraint)
                """
            var statements: [String] = []
            for row in try await sql.raw(found).all() {
                let name = try row.decode(column: "name", as: String.self)
                statements.append(try row.decode(column: "definition", as: String.self))
                try await sql.raw("DROP INDEX \(ident: name)").run()
            }
            return Self(statements: statements)
        }

        func create(_ sql: any SQLDatabase) async throws {
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    /// Collects rows for one table and writes them many to a statement.
    struct Table {
        let name: String
        let columns: [String]
        var rows: [[any Encodable & Sendable]] = []
        var written = 0
        /// Rows per statement, under both drivers' limits on bound values.
        var batch: Int { max(1, 30_000 / columns.count) }

        init(_ name: String, _ columns: [String]) {
            self.name = name
            self.columns = columns
        }

        mutating func add(_ row: [any Encodable & Sendable], _ loader: inout Loader) async throws {
            rows.append(row)
            if rows.count >= batch { try await flush(&loader) }
        }

        /// Adds a row to be written with the next flush, for tables whose rows refer to each other and are
        /// flushed together, parents first.
        mutating func append(_ row: [any Encodable & Sendable]) { rows.append(row) }

        var isFull: Bool { rows.count >= batch }

        /// Hands the rows to the loader, which writes them while the next ones are made.
        mutating func flush(_ loader: inout Loader) async throws {
            guard !rows.isEmpty else { return }
            let batch = rows
            rows = []
            rows.reserveCapacity(batch.count)
            try await loader.insert(batch, into: name, columns)
            written += batch.count
        }
    }

    /// One connection, with a transaction committed every so many rows. One statement is in flight at a
    /// time, in a task of its own, while the next one's rows are made: the database and Swift work side
    /// by side on the two CPUs instead of taking turns. Statements still run in the order they were given.
    struct Loader {
        let db: any SQLDatabase
        /// On SQLite the values are encoded here and handed to SQLiteNIO with a statement written once per
        /// table and batch size: SQLKit's serializer and encoder, run for every value, were a third of the
        /// seed's time, on the same thread as making the rows.
        let sqlite: (any SQLiteDatabase)?
        var sinceCommit = 0
        var inFlight: Task<Void, any Error>?
        private var statements: [String: (rows: Int, sql: String)] = [:]
        private let encoder = SQLiteDataEncoder()

        init(_ connection: any Database) {
            db = connection.sql
            sqlite = Store.isSQLite(connection) ? connection as? any SQLiteDatabase : nil
        }

        mutating func insert(
            _ rows: [[any Encodable & Sendable]], into table: String, _ columns: [String]
        ) async throws {
            if let sqlite {
                var binds: [SQLiteData] = []
                binds.reserveCapacity(rows.count * columns.count)
                for row in rows {
                    for value in row { binds.append(try encoder.encode(value)) }
                }
                let sql = statement(table, columns, rows: rows.count)
                try await finish()
                inFlight = Task { _ = try await sqlite.query(sql, binds) }
            } else {
                try await finish()
                let db = self.db
                inFlight = Task {
                    var insert = db.insert(into: table).columns(columns)
                    for row in rows { insert = insert.values(row) }
                    try await insert.run()
                }
            }
            sinceCommit += rows.count
            if sinceCommit >= 250_000 {
                try await finish()
                try await db.raw("COMMIT").run()
                try await db.raw("BEGIN").run()
                sinceCommit = 0
            }
        }

        /// `INSERT INTO table (columns) VALUES (?, ...), ...` for so many rows; the last one made for each
        /// table is kept, as full batches come one after another.
        private mutating func statement(_ table: String, _ columns: [String], rows: Int) -> String {
            if let last = statements[table], last.rows == rows { return last.sql }
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            let sql =
                "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
                + Array(repeating: row, count: rows).joined(separator: ", ")
            statements[table] = (rows, sql)
            return sql
        }

        /// Waits for the statement in flight: before any other statement on the connection, and before
        /// giving up on an error, so nothing is left running on a connection handed back.
        mutating func finish() async throws {
            guard let task = inFlight else { return }
            inFlight = nil
            try await task.value
        }
    }

    // MARK: The plan of the data

    struct Household {
        var familyId: UUID
        var familyName: String
        var children: [Int]
        var adults: [Int]
        var team: Int
        var postcode: String
        var street: String
    }

    struct PlannedPerson {
        var id: UUID
        var given: String
        var family: String
        var dateOfBirth: CalendarDate
        var sex: String
        var isChild: Bool
        var nhs: String?
        var household: Int
        var restricted: Bool
    }

    struct PlannedWork {
        var id: UUID
        var household: Int
        var subjects: [Int]
        var start: Date
        var end: Date?
        var team: Int
        var worker: Int
        var recordings: Int
        var service: String
        var level: Int
    }

    /// Everything decided before a row is written.
    struct Plan: Sendable {
        var ids: IdMaker
        var random: SeededRandom
        var female: WeightedList
        var male: WeightedList
        var families: WeightedList
        var households: [Household]
        var people: [PlannedPerson]
        var works: [PlannedWork]
        var teamIds: [UUID]
        var staffIds: [UUID]
        var teamCount: Int
        var staffCount: Int
        var childCount: Int
        var recordingCount: Int
        var benchStaff: Int
        var heavyCount: Int
        var probe: PlannedPerson
        var now: Date
        var isSQLite: Bool
        var started: Date
        var passwordHash: String
    }

    // MARK: Running it

    func run(on database: any Database, passwordHash: String, resources: String) async throws -> Manifest {
        let started = Date()
        let isSQLite = Store.isSQLite(database)
        var ids = IdMaker(salt: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
        var random = SeededRandom(seed: seed)
        let female = try WeightedList(file: resources + "seed/names/given-female.csv")
        let male = try WeightedList(file: resources + "seed/names/given-male.csv")
        let families = try WeightedList(file: resources + "seed/names/family.csv")
        let untilMoment = LondonTime.moment(until, hour: 12)
        let tenYears = 3_652.0 * 86_400
        let firstDay = untilMoment.addingTimeInterval(-tenYears)

        let teamCount = count(80, minimum: 2)
        let staffCount = count(1_000, minimum: teamCount * 3)
        let childCount = count(60_000, minimum: 60)
        let adultCount = count(90_000, minimum: 90)
        let workCount = count(150_000, minimum: 150)
        let recordingCount = count(5_000_000, minimum: 5_000)

        // People in households: about two children and three adults each, near-duplicates on top.
        var households: [Household] = []
        var people: [PlannedPerson] = []
        let householdCount = max(1, childCount / 2)
        var adultsLeft = adultCount
        for h in 0..<householdCount {
            let familyName = families.pick(&random)
            let team = h % teamCount
            households.append(
                Household(
                    familyId: ids.make(), familyName: familyName, children: [], adults: [], team: team,
                    postcode: "NB\(1 + h % 9) \(random.next(in: 1...9))\(letter(&random))\(letter(&random))",
                    street:
                        "\(random.next(in: 1...180)) \(families.pick(&random)) \(["Road", "Street", "Close", "Avenue", "Way"][h % 5])"
                ))
        }
        for c in 0..<childCount {
            let h = c < householdCount ? c : random.next(in: 0...(householdCount - 1))
            let sex = random.next(in: 0...1) == 0 ? "F" : "M"
            let born = until.adding(days: -random.next(in: 30...(25 * 365)))
            people.append(
                PlannedPerson(
                    id: ids.make(), given: (sex == "F" ? female : male).pick(&random), family: households[h].familyName,
                    dateOfBirth: born, sex: sex, isChild: true, nhs: nhsNumber(&random), household: h,
                    restricted: random.next(in: 0...499) == 0))
            households[h].children.append(people.count - 1)
        }
        for h in 0..<householdCount where adultsLeft > 0 {
            for slot in 0..<min(adultsLeft, h == householdCount - 1 ? adultsLeft : 3) {
                let sex = slot == 0 ? "F" : slot == 1 ? "M" : (random.next(in: 0...1) == 0 ? "F" : "M")
                let born = until.adding(days: -random.next(in: (22 * 365)...(70 * 365)))
                people.append(
                    PlannedPerson(
                        id: ids.make(), given: (sex == "F" ? female : male).pick(&random),
                        family: slot == 1 && random.next(in: 0...2) == 0
                            ? families.pick(&random) : households[h].familyName,
                        dateOfBirth: born, sex: sex, isChild: false, nhs: nil, household: h, restricted: false))
                households[h].adults.append(people.count - 1)
                adultsLeft -= 1
            }
        }
        // Near-duplicates: one child in a hundred known again under a misspelt name, with no NHS number.
        let realPeople = people.count
        for index in stride(from: 7, to: realPeople, by: 97) where people[index].isChild {
            var twin = people[index]
            twin.id = ids.make()
            twin.given = misspell(twin.given, &random)
            twin.nhs = nil
            people.append(twin)
        }

        // Staff: a manager and a senior per team, practitioners in the rest; the benchmark's practitioner
        // is the first in team 0.
        let teamIds = (0..<teamCount).map { _ in ids.make() }
        let staffIds = (0..<staffCount).map { _ in ids.make() }
        func practitioners(in team: Int) -> [Int] {
            stride(from: team + 2 * teamCount, to: staffCount, by: teamCount).map { $0 }
        }
        let benchStaff = 2 * teamCount  // the first practitioner of team 0

        // Pieces of work across the ten years; about one in ten still open.
        var works: [PlannedWork] = []
        var weights: [Double] = []
        for w in 0..<workCount {
            let h = w < householdCount ? w : random.next(in: 0...(householdCount - 1))
            let household = households[h]
            guard !household.children.isEmpty else { continue }
            let take = min(household.children.count, 1 + (random.next(in: 0...9) == 0 ? 1 : 0))
            let start = firstDay.addingTimeInterval(Double(random.next(in: 0...3_600)) * 86_400)
            let endCandidate = start.addingTimeInterval(Double(random.next(in: 60...540)) * 86_400)
            let team = household.team
            let pool = practitioners(in: team)
            let worker = pool.isEmpty ? team : random.element(of: pool)
            works.append(
                PlannedWork(
                    id: ids.make(), household: h, subjects: Array(household.children.prefix(take)), start: start,
                    end: endCandidate < untilMoment ? endCandidate : nil, team: team, worker: worker, recordings: 0,
                    service: Vocabulary.services[random.next(in: 0...5)].code, level: random.next(in: 1...4)))
            // Lognormal weights: most pieces of work have a few dozen recordings, a few have thousands.
            weights.append(exp(normal(&random) * 1.1))
        }
        // The benchmark practitioner holds the open work in team 0 (a heavy caseload), with one child
        // whose record has thousands of recordings.
        var benchWork: [Int] = []
        for index in works.indices where works[index].team == 0 && works[index].end == nil && benchWork.count < 60 {
            works[index].worker = benchStaff
            benchWork.append(index)
        }
        if benchWork.isEmpty, let first = works.indices.first(where: { works[$0].team == 0 }) {
            works[first].end = nil
            works[first].worker = benchStaff
            benchWork.append(first)
        }
        let heavy = benchWork[0]
        works[heavy].subjects = [works[heavy].subjects[0]]
        works[heavy].start = untilMoment.addingTimeInterval(-9 * 365 * 86_400)
        let heavyCount = max(200, Int(3_000 * scale.squareRoot()))
        let total = weights.reduce(0, +)
        var assigned = 0
        for index in works.indices {
            works[index].recordings =
                index == heavy ? heavyCount : Int(Double(recordingCount - heavyCount) * weights[index] / total)
            assigned += works[index].recordings
        }
        var fill = 0
        while assigned < recordingCount {
            works[fill % works.count].recordings += 1
            assigned += 1
            fill += 7
        }

        // The search the benchmark makes: a common surname with a given name from the data.
        let probe = people[works[heavy].subjects[0]]

        let plan = Plan(
            ids: ids, random: random, female: female, male: male, families: families, households: households,
            people: people, works: works, teamIds: teamIds, staffIds: staffIds, teamCount: teamCount,
            staffCount: staffCount, childCount: childCount, recordingCount: recordingCount, benchStaff: benchStaff,
            heavyCount: heavyCount, probe: probe, now: untilMoment, isSQLite: isSQLite, started: started,
            passwordHash: passwordHash)
        return try await database.withConnection { connection in try await self.write(plan, into: connection) }
    }

    /// Writes the plan's rows on one connection, then makes the indexes and the statistics.
    func write(_ plan: Plan, into connection: any Database) async throws -> Manifest {
        let isSQLite = plan.isSQLite
        let sql = connection.sql
        if isSQLite {
            for pragma in [
                "PRAGMA synchronous = OFF", "PRAGMA cache_size = -400000", "PRAGMA temp_store = MEMORY",
            ] { try await sql.raw(SQLQueryString(pragma)).run() }
        } else {
            try await sql.raw("SET synchronous_commit = off").run()
        }
        try await RecordingSearchIndex.suspend(on: connection)
        try await sql.raw("BEGIN").run()
        let deferred = try await DeferredIndexes.drop(
            on: Self.loadedTables, andIndexes: Self.deferredRecordingIndexes, sql, isSQLite: isSQLite)
        var loader = Loader(connection)
        let written: (recordings: Int, practice: (plans: Int, reviews: Int, decisions: Int))
        do {
            written = try await load(plan, loader: &loader)
            try await loader.finish()
        } catch {
            try? await loader.finish()
            throw error
        }
        try await sql.raw("COMMIT").run()
        progress("recordings: \(written.recordings); making the indexes")
        try await deferred.create(sql)
        progress("building the search index")
        try await RecordingSearchIndex.resumeAfterBulkLoad(on: connection)
        progress("analysing")
        // SQLite's statistics from a sample of each index, as `PRAGMA optimize` gathers them: reading all of
        // them took half a minute at county scale.
        if isSQLite { try await sql.raw("PRAGMA analysis_limit = 1000").run() }
        try await sql.raw("ANALYZE").run()
        if isSQLite { try await sql.raw("PRAGMA synchronous = FULL").run() }
        progress("done")
        let probe = plan.probe
        return Manifest(
            engine: isSQLite ? "sqlite" : "postgresql", scale: scale, seed: seed,
            seedSeconds: Date().timeIntervalSince(plan.started), benchUser: Self.benchUser,
            benchPassword: Self.benchPassword, heavyPersonId: probe.id, heavyPersonRecordings: plan.heavyCount,
            personSearch: "\(probe.given) \(probe.family)", fullTextSearch: "trampoline",
            fullTextFrom: until.adding(months: -12).iso,
            counts: [
                "teams": plan.teamCount, "staff": plan.staffCount, "people": plan.people.count,
                "children": plan.childCount, "involvements": plan.works.count, "recordings": written.recordings,
                "households": plan.households.count, "plans": written.practice.plans,
                "planReviews": written.practice.reviews, "decisions": written.practice.decisions,
            ])
    }

    /// The rows themselves, in one transaction the caller holds: parents before the rows that refer to them.
    func load(_ plan: Plan, loader: inout Loader) async throws -> (
        recordings: Int, practice: (plans: Int, reviews: Int, decisions: Int)
    ) {
        var ids = plan.ids
        var random = plan.random
        let (female, families) = (plan.female, plan.families)
        let (households, people, works) = (plan.households, plan.people, plan.works)
        let (teamIds, staffIds, teamCount, staffCount) = (plan.teamIds, plan.staffIds, plan.teamCount, plan.staffCount)
        let (recordingCount, benchStaff, isSQLite, passwordHash) = (
            plan.recordingCount, plan.benchStaff, plan.isSQLite, plan.passwordHash
        )
        func staffTeam(_ s: Int) -> Int { s % teamCount }
        let sql = loader.db
        let now = plan.now
        var made = 0

        // Organisation, teams and staff.
        let organisation = ids.make()
        var orgs = Table("organisations", ["id", "name"])
        try await orgs.add([organisation, "Hearth county council (synthetic)"], &loader)
        try await orgs.flush(&loader)
        var teams = Table("teams", ["id", "organisation_id", "name"])
        for (index, id) in teamIds.enumerated() {
            try await teams.add([id, organisation, "Team \(index + 1)"], &loader)
        }
        try await teams.flush(&loader)
        var users = Table(
            "users",
            [
                "id", "organisation_id", "email", "display_name", "password_hash", "is_disabled", "version",
                "created_at", "updated_at",
            ])
        var roles = Table("user_roles", ["id", "user_id", "role"])
        var memberships = Table("team_memberships", ["id", "user_id", "team_id", "is_manager"])
        for (s, id) in staffIds.enumerated() {
            let isManager = s < teamCount
            let isSenior = !isManager && s < 2 * teamCount
            let email = s == benchStaff ? Self.benchUser : "staff\(s + 1)@county.hearth.example"
            let name = "\(female.pick(&random)) \(families.pick(&random))"
            try await users.add(
                [id, organisation, email, name, passwordHash, false, 1, now, now] as [any Encodable & Sendable],
                &loader)
            let role: Role = isManager ? .teamManager : isSenior ? .seniorPractitioner : .practitioner
            try await roles.add([ids.make(), id, role.rawValue], &loader)
            try await memberships.add([ids.make(), id, teamIds[staffTeam(s)], isManager], &loader)
        }
        try await users.flush(&loader)
        try await roles.flush(&loader)
        try await memberships.flush(&loader)
        progress("staff: \(staffCount) in \(teamCount) teams")

        // People, their search keys, households, addresses and relationships.
        var peopleTable = Table(
            "people",
            [
                "id", "given_name", "family_name", "date_of_birth", "is_restricted", "version", "created_at",
                "updated_at", "sex", "nhs_number",
            ])
        var keys = Table("person_search_keys", ["id", "person_id", "kind", "value"])
        for person in people {
            try await peopleTable.add(
                [
                    person.id, person.given, person.family, person.dateOfBirth.iso, person.restricted, 1, now, now,
                    person.sex, person.nhs,
                ] as [any Encodable & Sendable], &loader)
        }
        // Rows that point at others go in once those are written.
        try await peopleTable.flush(&loader)
        for person in people {
            let facts = PersonFacts(
                id: person.id, names: [KnownName(given: person.given, family: person.family)],
                dateOfBirth: person.dateOfBirth, nhsNumber: person.nhs.flatMap { try? NHSNumber(validating: $0) },
                postcodes: [try? UKPostcode(validating: households[person.household].postcode)].compactMap { $0 })
            for key in PersonSearchKeys.keys(for: facts) {
                try await keys.add([ids.make(), person.id, key.kind.rawValue, key.value], &loader)
            }
        }
        try await keys.flush(&loader)
        try await loader.finish()
        try await sql.raw(
            """
            INSERT INTO person_search_key_counts (kind, value, n)
            SELECT kind, value, COUNT(*) FROM person_search_keys GROUP BY kind, value
            """
        ).run()
        progress("people: \(people.count)")
        var familiesTable = Table("families", ["id", "name", "created_at"])
        var members = Table("family_members", ["id", "family_id", "person_id", "role"])
        var addresses = Table(
            "addresses", ["id", "person_id", "line1", "town", "postcode", "moved_in_on", "created_at"])
        var relationships = Table(
            "relationships",
            [
                "id", "pair_id", "person_id", "related_person_id", "kind", "important_to_me", "lives_with",
                "created_at",
            ])
        for household in households {
            try await familiesTable.add([household.familyId, "\(household.familyName) family", now], &loader)
        }
        try await familiesTable.flush(&loader)
        for household in households {
            for (role, list) in [("child", household.children), ("adult", household.adults)] {
                for index in list {
                    try await members.add([ids.make(), household.familyId, people[index].id, role], &loader)
                    try await addresses.add(
                        [
                            ids.make(), people[index].id, household.street, "Northbridge", household.postcode,
                            until.adding(days: -random.next(in: 100...3_000)).iso, now,
                        ] as [any Encodable & Sendable], &loader)
                }
            }
            // Each child with each parent, and with each sibling; each pair from both sides.
            let parents = household.adults.prefix(2)
            for child in household.children {
                for parent in parents {
                    let kind = people[parent].sex == "F" ? "mother" : "father"
                    let pair = ids.make()
                    try await relationships.add(
                        [ids.make(), pair, people[child].id, people[parent].id, kind, true, true, now], &loader)
                    try await relationships.add(
                        [
                            ids.make(), pair, people[parent].id, people[child].id,
                            RelationshipStore.inverse(of: kind, personSex: people[child].sex), true, true, now,
                        ] as [any Encodable & Sendable], &loader)
                }
            }
            for (i, a) in household.children.enumerated() {
                for b in household.children.dropFirst(i + 1) {
                    let pair = ids.make()
                    try await relationships.add(
                        [ids.make(), pair, people[a].id, people[b].id, "sibling", true, true, now], &loader)
                    try await relationships.add(
                        [ids.make(), pair, people[b].id, people[a].id, "sibling", true, true, now], &loader)
                }
            }
        }
        try await members.flush(&loader)
        try await addresses.flush(&loader)
        try await relationships.flush(&loader)
        progress("households: \(households.count), relationships: \(relationships.written / 2)")

        // Pieces of work, allocations, and the recordings, with their people.
        var workTable = Table(
            "involvements",
            [
                "id", "service", "family_id", "level_of_need", "allocated_user_id", "allocated_team_id",
                "started_on",
                "ended_on", "reason", "closure_reason", "consent", "version", "created_at",
            ])
        var subjects = Table("involvement_subjects", ["id", "involvement_id", "person_id"])
        var allocations = Table(
            "allocations", ["id", "person_id", "user_id", "team_id", "starts_on", "ends_on", "involvement_id"])
        var levels = Table("need_level_changes", ["id", "involvement_id", "level", "changed_at", "reason"])
        var recordings = Table(
            "recordings",
            [
                "id", "involvement_id", "kind", "occurred_at", "child_seen", "note", "is_significant",
                "significance_category", "status", "author_id", "submitted_at", "version", "created_at",
                "updated_at",
            ])
        var recordingSubjects = Table(
            "recording_subjects", ["id", "recording_id", "person_id", "occurred_at", "in_chronology"])
        // SQLite's search index is keyed by time; the triggers that number the keys are off while loading.
        var searchKeys = Table("recording_search_keys", ["search_key", "recording_id"])
        var concerns = Table(
            "concerns",
            [
                "id", "person_id", "categories", "description", "raised_at", "recorded_at", "raised_by",
                "decision_due_by", "status", "decision", "decided_at", "version",
            ])
        var text = NoteWriter()
        let tick = max(1, recordingCount / 50)
        for work in works {
            try await workTable.add(
                [
                    work.id, work.service, households[work.household].familyId, work.level, staffIds[work.worker],
                    teamIds[work.team], UKTime.dayString(work.start), work.end.map(UKTime.dayString),
                    "Referred for support", work.end == nil ? nil : "Goals met", "given", 1, work.start,
                ] as [any Encodable & Sendable], &loader)
        }
        try await workTable.flush(&loader)
        // Each piece of work's people, and when each of its recordings happened.
        var moments: [(minute: Int32, work: Int32)] = []  // minutes since 1970 fit until the year 6053
        moments.reserveCapacity(recordingCount)
        for (index, work) in works.enumerated() {
            let end = work.end ?? now
            try await levels.add([ids.make(), work.id, work.level, work.start, "Set when the work began"], &loader)
            for subject in work.subjects {
                try await subjects.add([ids.make(), work.id, people[subject].id], &loader)
                try await allocations.add(
                    [
                        ids.make(), people[subject].id, staffIds[work.worker], teamIds[work.team], work.start,
                        work.end,
                        work.id,
                    ]
                        as [any Encodable & Sendable], &loader)
            }
            let span = max(3_600, end.timeIntervalSince(work.start))
            let startMinute = Int(work.start.timeIntervalSince1970 / 60)
            for _ in 0..<work.recordings {
                moments.append((Int32(startMinute + random.next(in: 0...Int(span / 60))), Int32(index)))
            }
            // About one piece of work in forty began with a safeguarding concern, decided.
            if random.next(in: 0...39) == 0 {
                let child = people[work.subjects[0]]
                let raised = work.start.addingTimeInterval(-86_400)
                try await concerns.add(
                    [
                        ids.make(), child.id, ConcernCategory.allCases[random.next(in: 0...5)].rawValue,
                        "\(child.given) told a teacher about shouting at home and not having breakfast.", raised,
                        raised, staffIds[work.worker], TimescaleDefaults.contactDecision.dueMoment(from: raised),
                        "decided", ["early-help", "monitor", "referred-csc"][random.next(in: 0...2)],
                        raised.addingTimeInterval(6 * 3_600), 2,
                    ] as [any Encodable & Sendable], &loader)
            }
        }
        // Recordings go in in the order they happened, as in a council's own database: the table, its
        // time index and the search keys grow at their ends, and the search index is built by reading the
        // table from start to end.
        moments.sort { ($0.minute, $0.work) < ($1.minute, $1.work) }
        for moment in moments {
            let work = works[Int(moment.work)]
            let child = people[work.subjects[0]]
            let at = Date(timeIntervalSince1970: Double(moment.minute) * 60)
            let id = ids.make()
            let significant = random.next(in: 0...19) == 0
            try await recordings.add(
                [
                    id, work.id, Vocabulary.recordingKinds[random.next(in: 0...5)].code, at,
                    random.next(in: 0...3) == 0 ? "no" : "yes", text.note(about: child.given, &random), significant,
                    significant ? Vocabulary.significanceCategories[random.next(in: 0...5)].code : nil,
                    RecordingStatus.submitted, staffIds[work.worker], at, 1, at, at,
                ] as [any Encodable & Sendable], &loader)
            for subject in work.subjects {
                try await recordingSubjects.add([ids.make(), id, people[subject].id, at, significant], &loader)
            }
            if isSQLite {
                try await searchKeys.add([RecordingSearchIndex.key(at: at, sequence: made), id], &loader)
            }
            // A recording's people follow it in: when the recordings were just written, so are they.
            if recordings.rows.isEmpty { try await recordingSubjects.flush(&loader) }
            made += 1
            if made % tick == 0 { progress("recordings: \(made) of \(recordingCount)") }
        }
        try await subjects.flush(&loader)
        try await allocations.flush(&loader)
        try await levels.flush(&loader)
        try await recordings.flush(&loader)
        try await recordingSubjects.flush(&loader)
        try await searchKeys.flush(&loader)
        try await concerns.flush(&loader)
        let practice = try await writePractice(plan, ids: &ids, loader: &loader)
        return (made, practice)
    }

    // MARK: Plans, reviews and decisions

    /// Each piece of work that lasted past its assessment has a plan agreed with the family, with goals in
    /// the family's words and actions, reviewed on its cycle until the work ended; a key decision at the
    /// start and the manager's oversight every four months. Drawn from a random stream of their own and
    /// written after everything else, so adding them left the rest of the county as it was.
    func writePractice(_ plan: Plan, ids: inout IdMaker, loader: inout Loader) async throws -> (
        plans: Int, reviews: Int, decisions: Int
    ) {
        var random = SeededRandom(seed: seed ^ 0x706C_616E_7300_0001)
        let today = LondonTime.calendarDate(of: plan.now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var plans = Table(
            "plans",
            [
                "id", "involvement_id", "kind", "person_id", "status", "started_on", "review_every_days",
                "next_review_on", "agreed_by", "agreement_method", "agreed_on", "created_by", "created_at", "version",
            ])
        var goals = Table(
            "plan_goals", ["id", "plan_id", "position", "family_words", "practitioner_words", "need"])
        var actions = Table(
            "plan_actions",
            ["id", "plan_id", "goal_id", "owner_kind", "owner", "what", "by_when", "status", "third_party"])
        var reviews = Table(
            "plan_reviews",
            [
                "id", "plan_id", "reviewed_on", "progress", "child_views", "family_views", "decisions",
                "next_review_on", "recorded_by", "recorded_at",
            ])
        var decisions = Table(
            "decisions", ["id", "involvement_id", "kind", "decided_on", "summary", "reasons", "made_by", "made_at"])
        func moment(_ day: CalendarDate) -> Date { LondonTime.moment(day, hour: 14) }
        /// Plans first, then what refers to them: goals, actions (which name goals) and reviews.
        func flushPlans() async throws {
            try await plans.flush(&loader)
            try await goals.flush(&loader)
            try await actions.flush(&loader)
            try await reviews.flush(&loader)
        }

        for work in plan.works {
            let child = plan.people[work.subjects[0]]
            let first = LondonTime.calendarDate(of: work.start)
            let last = work.end.map { LondonTime.calendarDate(of: $0) } ?? today
            let worker = plan.staffIds[work.worker]
            let manager = plan.staffIds[work.team]  // each team's manager is the staff member of its number
            let decidedOn = first.adding(days: random.next(in: 20...35))
            guard decidedOn < last else { continue }
            try await decisions.add(
                [
                    ids.make(), work.id, "decision", decidedOn.iso, PracticeText.keyDecision,
                    PracticeText.keyDecisionReasons, manager, moment(decidedOn),
                ] as [any Encodable & Sendable], &loader)
            var oversight = first.adding(days: 120)
            while oversight < last {
                try await decisions.add(
                    [
                        ids.make(), work.id, "oversight", oversight.iso,
                        random.element(of: PracticeText.oversight), String?.none,
                        manager,
                        moment(oversight),
                    ] as [any Encodable & Sendable], &loader)
                oversight = oversight.adding(days: 120)
            }

            let startedOn = decidedOn.adding(days: random.next(in: 10...20))
            guard startedOn < last else { continue }
            let planId = ids.make()
            let cycle = [42, 56, 84][random.next(in: 0...2)]
            let ended = work.end != nil
            var goalIds: [UUID] = []
            var goalRows: [[any Encodable & Sendable]] = []
            var actionRows: [[any Encodable & Sendable]] = []
            for position in 1...random.next(in: 1...3) {
                let goal = random.element(of: PracticeText.goals)
                let goalId = ids.make()
                goalIds.append(goalId)
                goalRows.append([
                    goalId, planId, position, goal.family.filled(with: child.given),
                    goal.practitioner.filled(with: child.given), goal.need,
                ])
                for _ in 1...random.next(in: 1...2) {
                    let action = random.element(of: PracticeText.actions)
                    let due = startedOn.adding(days: random.next(in: 14...120))
                    let status =
                        due < last
                        ? (random.next(in: 0...4) == 0 ? "not-done" : "done")
                        : ["not-started", "in-progress"][random.next(in: 0...1)]
                    actionRows.append([
                        ids.make(), planId, goalId, action.ownerKind, action.owner.filled(with: child.given),
                        action.what, due.iso, status, action.ownerKind == "agency",
                    ])
                }
            }
            var reviewDay = startedOn.adding(days: cycle)
            var score = random.next(in: 2...4)
            var reviewRows: [[any Encodable & Sendable]] = []
            while reviewDay < last {
                score = min(10, max(0, score + random.next(in: -1...2)))
                let progress = goalIds.map {
                    GoalProgress(
                        goalId: $0, score: score, word: score >= 9 ? "achieved" : score > 5 ? "better" : "same")
                }
                reviewRows.append(
                    [
                        ids.make(), planId, reviewDay.iso,
                        String(decoding: try encoder.encode(progress), as: UTF8.self),
                        random.element(of: PracticeText.childViews)
                            .filled(with: child.given),
                        random.element(of: PracticeText.familyViews),
                        random.element(of: PracticeText.reviewDecisions),
                        reviewDay.adding(days: cycle).iso, worker, moment(reviewDay),
                    ])
                reviewDay = reviewDay.adding(days: cycle)
            }
            let nextReview = ended ? nil : reviewDay.iso
            let isChildPlan = random.next(in: 0...3) == 0
            plans.append(
                [
                    planId, work.id, isChildPlan ? "child" : "family", isChildPlan ? child.id : nil,
                    ended ? "ended" : "agreed", startedOn.iso, cycle, nextReview, "Mum and \(child.given)",
                    PlanVocabulary.agreementMethods[random.next(in: 0...3)].code, startedOn.adding(days: 2).iso,
                    worker, moment(startedOn), 1 + reviewRows.count,
                ] as [any Encodable & Sendable])
            // What hangs off a plan goes in after it, and actions after their goals.
            for row in goalRows { goals.append(row) }
            for row in actionRows { actions.append(row) }
            for row in reviewRows { reviews.append(row) }
            if plans.isFull || goals.isFull || actions.isFull || reviews.isFull { try await flushPlans() }
        }
        try await flushPlans()
        try await decisions.flush(&loader)
        progress("plans: \(plans.written), reviews: \(reviews.written), decisions: \(decisions.written)")
        return (plans.written, reviews.written, decisions.written)
    }

    // MARK: Helpers

    func letter(_ random: inout SeededRandom) -> String {
        String(Array("ABDEFGHJLNPQRSTUWXYZ")[random.next(in: 0...19)])
    }

    /// A ten-digit number in the NHS's test range (starting 999) with a valid check digit.
    func nhsNumber(_ random: inout SeededRandom) -> String? {
        while true {
            var digits = [9, 9, 9] + (0..<6).map { _ in random.next(in: 0...9) }
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
            let check = 11 - sum % 11
            if check == 10 { continue }
            digits.append(check == 11 ? 0 : check)
            return digits.map(String.init).joined()
        }
    }

    /// A typing slip: two letters swapped, one dropped, or one doubled.
    func misspell(_ name: String, _ random: inout SeededRandom) -> String {
        var letters = Array(name)
        guard letters.count > 3 else { return name + name.suffix(1) }
        let at = random.next(in: 1...(letters.count - 2))
        switch random.next(in: 0...2) {
        case 0: letters.swapAt(at, at + 1)
        case 1: letters.remove(at: at)
        default: letters.insert(letters[at], at: at)
        }
        return String(letters)
    }

    /// A standard normal sample (Box–Muller).
    func normal(_ random: inout SeededRandom) -> Double {
        let u1 = max(Double(random.next() >> 11) / Double(1 << 53), 1e-12)
        let u2 = Double(random.next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// Case notes written from a bank of sentences: mostly a short paragraph, sometimes pages.
struct NoteWriter {
    static let sentences: [String] = [
        "Visited at home after school; {name} showed me their room and a drawing from art club.",
        "{name} said things at home have been calmer since the last visit.",
        "Mum said the mornings are still a struggle and {name} is often late for school.",
        "We talked about what makes a good day and what makes a hard day.",
        "{name} was quiet at first but warmed up when we played a card game.",
        "The house was warm and there was food in the fridge; the kitchen was tidy.",
        "Dad was not at home; mum said he is working nights this month.",
        "School report attendance at 86% this term, up from 78%.",
        "{name} talked about the garden and a new friend from football.",
        "We agreed that {name} would keep a feelings diary until the next visit.",
        "Mum asked for help with a letter from the housing officer about the rent arrears.",
        "{name} said they worry when their parents argue and go to their room to listen to music.",
        "The health visitor reported the younger sibling's check was on track.",
        "I explained again what early help is and that the family can stop at any time.",
        "{name} wants to join the after-school drama club; mum agreed to look into it.",
        "We reviewed the plan: two actions done, one still open (the GP appointment).",
        "Grandma now collects {name} from school on Tuesdays and Thursdays.",
        "{name} had a nosebleed at school last week; school phoned mum, who collected them.",
        "Mum said money is tight this month; I gave details of the food bank and the holiday activities scheme.",
        "{name} said they do not like the new bedtime but understand why.",
        "The team around the family met at school: the teacher, the school nurse, mum and me.",
        "Police attended the address at the weekend after a neighbour reported shouting; no further action.",
        "{name} was seen alone and said they feel safe at home.",
        "We practised the breathing exercise from last time; {name} said it helped before a test.",
        "Mum is waiting for a mental health assessment and said the wait is hard.",
        "{name} brought their reading book and read two pages to me.",
        "The family have moved to the ground floor flat, which is easier with the pushchair.",
        "Discussed the safety plan with mum; she named two adults {name} could talk to.",
        "{name} was excited about the school trip and asked if we could help with the cost.",
        "Phoned mum to check how the week had gone; she said it was better than last week.",
    ]

    /// Rare words, so a search for one of them finds a realistic handful rather than a fifth of everything.
    static let rare: [String] = [
        "{name} described the trampoline park party and who was there.",
        "{name} talked about the allotment and the runner beans they grew with grandad.",
        "{name} showed me the hamster, called Biscuit, and explained how to clean the cage.",
    ]

    /// Cut at their "{name}" marks once: replacing the marks through Foundation for every note took a fifth
    /// of the seed's time.
    static let sentenceTemplates = sentences.map(NameTemplate.init)
    static let rareTemplates = rare.map(NameTemplate.init)

    var buffer = ""

    /// About 300 characters is typical; one in twenty is several times longer, and a few run to pages.
    mutating func note(about name: String, _ random: inout SeededRandom) -> String {
        let roll = random.next(in: 0...999)
        let count =
            roll < 700
            ? random.next(in: 2...4)
            : roll < 950
                ? random.next(in: 5...10)
                : roll < 995
                    ? random.next(in: 11...30) : random.next(in: 31...90)
        buffer.removeAll(keepingCapacity: true)
        for index in 0..<count {
            if index > 0 { buffer += " " }
            random.element(of: Self.sentenceTemplates).write(name, into: &buffer)
        }
        if random.next(in: 0...199) == 0 {
            buffer += " "
            random.element(of: Self.rareTemplates).write(name, into: &buffer)
        }
        return buffer
    }

}

/// A sentence with "{name}" marks, cut once so filling it in only appends.
struct NameTemplate: Sendable {
    let parts: [String]

    init(_ text: String) { parts = text.components(separatedBy: "{name}") }

    func write(_ name: String, into buffer: inout String) {
        for (index, part) in parts.enumerated() {
            if index > 0 { buffer += name }
            buffer += part
        }
    }

    func filled(with name: String) -> String {
        var text = ""
        write(name, into: &text)
        return text
    }
}

/// The words of the seeded plans, reviews and decisions.
enum PracticeText {
    struct Goal {
        var family: NameTemplate
        var practitioner: NameTemplate
        var need: String
    }

    struct Action {
        var ownerKind: String
        var owner: NameTemplate
        var what: String
    }

    static let goals: [Goal] = [
        ("I want to get to school on time and not get told off", "Attendance above 95% and on time", "education"),
        ("Mornings without shouting", "A calm morning routine the family keeps", "guidance-boundaries"),
        ("We want to stay in our flat", "Rent arrears paid down and the tenancy secure", "housing"),
        (
            "I don’t want to worry all the time", "{name} has a trusted adult and uses the worry plan",
            "emotional-behavioural"
        ),
        ("Get the doctor and dentist sorted", "{name}’s health checks and dentist up to date", "health"),
        ("Have friends round again", "{name} goes to a club each week", "family-social-relationships"),
        ("Money to last the month", "Benefits checked and a budget the family keeps", "income"),
        ("Bedtime that works", "A bedtime routine kept most nights", "basic-care"),
    ].map { Goal(family: NameTemplate($0.0), practitioner: NameTemplate($0.1), need: $0.2) }

    static let actions: [Action] = [
        ("family-member", "Mum", "Set two alarms on school days"),
        ("agency", "School", "Share attendance each Friday with the family worker"),
        ("practitioner", "Family worker", "Book a place on the parenting course"),
        ("agency", "Housing officer", "Agree a repayment plan for the arrears"),
        ("family-member", "{name}", "Use the worry box and tell the school mentor when it is full"),
        ("practitioner", "Family worker", "Refer to the holiday activities scheme"),
        ("agency", "GP surgery", "Book the overdue health check"),
        ("family-member", "Dad", "Do the school run on Tuesdays and Thursdays"),
    ].map { Action(ownerKind: $0.0, owner: NameTemplate($0.1), what: $0.2) }

    static let childViews: [NameTemplate] = [
        "{name}: “It’s better when Mum isn’t rushing.”",
        "{name} said school is OK now and they like the new teacher.",
        "{name} did not want to say much today and that is all right.",
        "{name}: “I still get worried at night but I use my box.”",
        "{name} drew how things feel at home: mostly sunny, one cloud.",
    ].map(NameTemplate.init)

    static let familyViews: [String] = [
        "Mum says the alarms help but Mondays are still hard.",
        "Mum and dad agree things are calmer and want to keep going.",
        "Mum feels the housing letter is the biggest worry.",
        "Dad says he would like more help with bedtimes.",
    ]

    static let reviewDecisions: [String] = [
        "Keep the routine; ask school about a breakfast club place.",
        "Actions done; one goal met. Carry on with the others.",
        "Progress is slow; add a visit from the school nurse.",
        "Good progress; plan to close at the next review if it holds.",
    ]

    static let keyDecision =
        "Work with the family under an early help plan rather than refer to children’s social care."
    static let keyDecisionReasons =
        "The family asked for help and engage well; the worries are about routines and money, not harm."

    static let oversight: [String] = [
        "Plan on track. Reviews on time and the family’s words are in them.",
        "Visits are regular; check the school’s attendance figures before the next review.",
        "Progress slower than hoped; discussed in supervision, keep the plan and review sooner.",
        "Child seen alone at most visits; the record shows their views. Continue.",
    ]
}
