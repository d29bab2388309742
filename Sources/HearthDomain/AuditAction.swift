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
}

public enum AuditOutcome: String, Codable, Sendable {
    case allowed
    case denied
}
