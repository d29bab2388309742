import Foundation
import HearthDomain
import Vapor

/// Everything Hearth reads from its environment, checked once at start-up.
struct Settings: Sendable {
    enum Database: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    var database: Database
    /// PostgreSQL connections per event loop (HEARTH_DB_CONNECTIONS_PER_LOOP, default 8). SQLite keeps
    /// one: its writes take the one write lock in turn anyway (ADR 0003).
    var postgresConnectionsPerLoop = 8
    /// Keys the hashes of session ids, API tokens and set-password links, so a copy of the database
    /// alone does not let anyone forge a lookup.
    var secretKey: String
    /// The address users reach Hearth at. Production requires https, because the session cookie is Secure.
    var publicURL: String
    var idleTimeout: TimeInterval = 15 * 60
    var absoluteTimeout: TimeInterval = 12 * 60 * 60
    /// How long before the idle time-out the page warns.
    var idleWarning: TimeInterval = 2 * 60
    var breakGlassDuration: TimeInterval = 60 * 60
    var setPasswordLinkLifetime: TimeInterval = 24 * 60 * 60
    var maxFailuresPerAccount = 5
    var maxFailuresPerAddress = 20
    var failureWindow: TimeInterval = 15 * 60
    var bcryptCost = 12
    /// The timescales in force: the defaults, overridden by the JSON file named in HEARTH_TIMESCALES_FILE
    /// (a list in the shape of `TimescaleDefaults.all`), so a local standard is configuration, not code.
    var timescales = TimescaleBook()

    static let developmentSecret = "development-only-secret-not-for-production-use"

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func load(for environment: Environment) throws -> Settings {
        let env = ProcessInfo.processInfo.environment
        let database: Database
        if environment == .testing {
            database = env["HEARTH_TEST_DATABASE_URL"].map { .postgres(url: $0) } ?? .sqliteMemory
        } else if let url = env["DATABASE_URL"], !url.isEmpty {
            database = .postgres(url: url)
        } else {
            database = .sqliteFile(path: env["HEARTH_SQLITE_PATH"] ?? "data/hearth.sqlite")
        }
        var settings = Settings(
            database: database,
            secretKey: env["HEARTH_SECRET_KEY"] ?? developmentSecret,
            publicURL: env["HEARTH_PUBLIC_URL"] ?? "http://127.0.0.1:8080"
        )
        if environment == .testing { settings.bcryptCost = 4 }
        if let text = env["HEARTH_DB_CONNECTIONS_PER_LOOP"], !text.isEmpty {
            guard let count = Int(text), (1...64).contains(count) else {
                throw Invalid(description: "HEARTH_DB_CONNECTIONS_PER_LOOP must be a whole number from 1 to 64.")
            }
            settings.postgresConnectionsPerLoop = count
        }
        if let path = env["HEARTH_TIMESCALES_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Invalid(description: "HEARTH_TIMESCALES_FILE names \(path), which cannot be read.")
            }
            do { settings.timescales = try TimescaleBook(json: data) } catch {
                throw Invalid(description: "HEARTH_TIMESCALES_FILE \(path) is not a valid list of timescales: \(error)")
            }
        }
        if environment == .production {
            guard let key = env["HEARTH_SECRET_KEY"], key.count >= 32, key != developmentSecret else {
                throw Invalid(
                    description:
                        "HEARTH_SECRET_KEY must be set to a random value of at least 32 characters in production.")
            }
            guard settings.publicURL.hasPrefix("https://") else {
                throw Invalid(
                    description:
                        "HEARTH_PUBLIC_URL must be an https:// address in production: the session cookie is Secure and HSTS is on."
                )
            }
        }
        return settings
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    var settings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else { fatalError("configure(_:) sets the settings first") }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}

extension Request {
    var settings: Settings { application.settings }
}
