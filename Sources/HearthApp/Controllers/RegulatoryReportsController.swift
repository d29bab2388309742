import Fluent
import Foundation
import HearthDomain
import Vapor

struct RegulatoryReportJSON: Content {
    var id: UUID
    var kind: String
    var from: String
    var to: String
    var commentary: String
    var writtenBy: String
    var writtenAt: String
    var figures: RegulatoryFigures
}

/// Regulation 44 and 45 reports for a home: the figures for a period built from the records, and the
/// registered manager's commentary kept with the figures as they stood when it was written.
enum RegulatoryReportsController {
    struct Period: Sendable {
        var kind: String
        var from: CalendarDate
        var to: CalendarDate

        /// What the audit trail says of it: "Regulation 45: review of the quality of care, 2026-05-31 to
        /// 2026-11-30" (the audit pages write the dates in words).
        var auditDetail: String {
            "\(RegulatoryReportQueries.kinds.label(for: kind) ?? kind), \(from.iso) to \(to.iso)"
        }
    }

    /// The kind and period asked for. By default regulation 45 covers the last six months, and
    /// regulation 44 the last month.
    static func period(kind: String?, from: String?, to: String?) throws -> Period {
        var errors = FieldErrorList()
        let kind = kind?.trimmed.nilIfEmpty ?? "reg45"
        if !RegulatoryReportQueries.kinds.contains(code: kind) { errors.add("kind", "Choose regulation 44 or 45") }
        let today = CalendarDate(iso: UKTime.today())!
        let end =
            DateField.parse(to, field: "to", label: "the end of the period", required: false, into: &errors) ?? today
        let start =
            DateField.parse(from, field: "from", label: "the start of the period", required: false, into: &errors)
            ?? end.adding(months: kind == "reg44" ? -1 : -6).adding(days: 1)
        if start > end { errors.add("from", "The period must start on or before its end") }
        if end > today { errors.add("to", "The period must not end in the future") }
        if start < end.adding(months: -12) { errors.add("from", "A report covers at most a year") }
        try errors.throwIfAny()
        return Period(kind: kind, from: start, to: end)
    }

    static func build(_ req: Request, homeId: UUID, period: Period) async throws -> RegulatoryFigures {
        let timescales = req.settings.timescales
        return try await HomeAccess.load(
            req, homeId: homeId, for: .manage, audit: .view,
            detail: period.auditDetail
        ) { home, _, db in
            try await RegulatoryReportQueries.figures(
                kind: period.kind, home: home, from: period.from, to: period.to, timescales: timescales, on: db)
        }
    }

    struct SaveInput: Content, Sendable {
        var kind: String?
        var from: String?
        var to: String?
        var commentary: String?
    }

    /// Keeps the report: the figures as they are now, with the manager's commentary.
    static func save(_ req: Request, homeId: UUID, input: SaveInput) async throws -> RegulatoryReport {
        let period = try period(kind: input.kind, from: input.from, to: input.to)
        var errors = FieldErrorList()
        let commentary = errors.text(
            input.commentary, "commentary", "The commentary", limit: 40_000,
            required: "Write your commentary: what the figures say about the quality of care, and what you will do")
        try errors.throwIfAny()
        let me = try req.requireUser().id
        let timescales = req.settings.timescales
        let id = UUID()
        return try await HomeAccess.load(
            req, homeId: homeId, for: .manage, audit: .create,
            subject: AuditSubject(type: "regulatory-report", id: id.uuidString.lowercased()),
            detail: period.auditDetail
        ) { home, _, db in
            let figures = try await RegulatoryReportQueries.figures(
                kind: period.kind, home: home, from: period.from, to: period.to, timescales: timescales, on: db)
            let report = RegulatoryReport()
            report.id = id
            report.homeId = homeId
            report.kind = period.kind
            report.fromDay = period.from.iso
            report.toDay = period.to.iso
            report.figures = String(decoding: try JSONEncoder().encode(figures), as: UTF8.self)
            report.commentary = commentary!
            report.writtenBy = me
            report.writtenAt = Date()
            try await report.create(on: db)
            return report
        }
    }

    static func json(_ report: RegulatoryReport, on db: any Database) async throws -> RegulatoryReportJSON {
        RegulatoryReportJSON(
            id: try report.requireID(), kind: report.kind, from: report.fromDay, to: report.toDay,
            commentary: report.commentary,
            writtenBy: try await User.find(report.writtenBy, on: db)?.displayName ?? "Unknown",
            writtenAt: DisplayFormat.iso8601(report.writtenAt),
            figures: try JSONDecoder().decode(RegulatoryFigures.self, from: Data(report.figures.utf8)))
    }

    /// A saved report, read by the home's managers.
    static func load(_ req: Request, reportId: UUID) async throws -> RegulatoryReportJSON {
        guard let found = try await RegulatoryReport.find(reportId, on: req.db) else { throw Abort(.notFound) }
        return try await HomeAccess.load(
            req, homeId: found.homeId, for: .manage, audit: .view,
            subject: AuditSubject(type: "regulatory-report", id: reportId.uuidString.lowercased())
        ) { _, _, db in
            guard let report = try await RegulatoryReport.find(reportId, on: db) else { throw Abort(.notFound) }
            return try await json(report, on: db)
        }
    }

    static func saved(_ homeId: UUID, on db: any Database) async throws -> [RegulatoryReport] {
        try await RegulatoryReport.query(on: db).filter(\.$homeId == homeId).sort(\.$writtenAt, .descending).all()
    }
}
