import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import Vapor

/// Builds the application: settings, database, migrations, templates, middleware, routes and commands.
public func configure(_ app: Application) async throws {
    let settings = try Settings.load(for: app.environment)
    app.settings = settings

    switch settings.database {
    case .sqliteFile(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
    case .postgres(let url):
        // Several connections per event loop: a page's queries wait on the network, and with one
        // connection per loop a 2-CPU server served two pages at a time (see bench/README.md).
        app.databases.use(
            try .postgres(
                url: url, maxConnectionsPerEventLoop: settings.postgresConnectionsPerLoop, sqlLogLevel: .trace),
            as: .psql)
    }
    try await Store.prepare(app.db)
    if case .sqliteFile(let path) = settings.database {
        app.auditJournal = AuditJournal(
            .file(path: path, threadPool: app.threadPool, eventLoop: app.eventLoopGroup.any(), logger: app.logger))
        app.lifecycle.use(AuditJournal.Closer())
    } else {
        app.auditJournal = AuditJournal(.pool({ [unowned app] in app.db }))
    }

    Migrations001.register(on: app.migrations)
    Migrations002.register(on: app.migrations)
    Migrations003.register(on: app.migrations)
    Migrations004.register(on: app.migrations)
    Migrations005.register(on: app.migrations, standardsDirectory: app.directory.workingDirectory + "standards")
    Migrations006.register(on: app.migrations)
    Migrations007.register(on: app.migrations)
    Migrations008.register(on: app.migrations)
    Migrations009.register(on: app.migrations)
    Migrations010.register(on: app.migrations)
    Migrations011.register(on: app.migrations)
    Migrations012.register(on: app.migrations)

    app.views.use(.leaf)
    app.leaf.tags["ukDate"] = DisplayDateTag()
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.dummyPasswordHash = try app.password.hash(Secrets.newToken())
    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = 8080

    // Order matters: every request is counted while it is answered (so stopping waits for it);
    // security headers go on every response, error pages included; errors are caught next, so even a
    // failure in a later middleware gets a safe page.
    app.middleware = .init()
    let requestsInFlight = RequestsInFlight()
    app.middleware.use(RequestsInFlight.Middleware(requests: requestsInFlight))
    app.lifecycle.use(RequestsInFlight.Drain(requests: requestsInFlight))
    app.middleware.use(SecurityHeadersMiddleware(isProduction: app.environment == .production))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(CSRFMiddleware())

    try routes(app)

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(StandardCommand(), as: "standard")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(TokenCommand(), as: "token")
}

/// Work the `serve` command does before listening: migrate, and in development fill an empty database
/// with the demo organisation. Other commands only migrate.
public func prepareToServe(_ app: Application) async throws {
    try await app.autoMigrate()
    guard try await DemoData.isDatabaseEmpty(app.db) else { return }
    if app.environment == .development {
        app.logger.notice("Empty database: loading the demo organisation (see README.md for the accounts).")
        try await DemoData.load(into: app)
    }
}
