/// The kinds of thing the audit trail records.
public enum AuditAction: String, CaseIterable, Codable, Sendable {
    case signIn = "sign-in"
    case signInFailed = "sign-in-failed"
    case signOut = "sign-out"
    case signOutEverywhere = "sign-out-everywhere"
    case view
    case list
    case search
    case create
    case update
    case delete
    case export
    case breakGlass = "break-glass"

    /// The action as an auditor reads it in the trail.
    public var label: String {
        switch self {
        case .signIn: "Sign-in"
        case .signInFailed: "Failed sign-in"
        case .signOut: "Sign-out"
        case .signOutEverywhere: "Sign-out everywhere"
        case .view: "View"
        case .list: "List"
        case .search: "Search"
        case .create: "Create"
        case .update: "Update"
        case .delete: "Delete"
        case .export: "Export"
        case .breakGlass: "Break-glass access"
        }
    }

    /// Actions that only read: their work may not write, so on SQLite it runs beside other readers
    /// (ADR 0010).
    public var isRead: Bool {
        switch self {
        case .view, .list, .search, .export: true
        default: false
        }
    }
}

public enum AuditOutcome: String, Codable, Sendable {
    case allowed
    case denied
}
