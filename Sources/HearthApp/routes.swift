import HearthDomain
import Vapor

/// Every route and its guard, in one place. A route not listed under a guard is public: only sign-in,
/// set-password, the health check and the OpenAPI document are.
func routes(_ app: Application) throws {
    // Public.
    app.get("healthz", use: HealthController.check)
    let signIn = SignInController()
    app.get("sign-in", use: signIn.form)
    app.post("sign-in", use: signIn.submit)
    app.get("set-password", ":token", use: signIn.setPasswordForm)
    app.post("set-password", ":token", use: signIn.setPassword)

    // Signed in through the browser.
    let pages = app.grouped(RequireSignedIn())
    pages.post("sign-out", use: signIn.signOut)
    pages.post("sign-out-everywhere", use: signIn.signOutEverywhere)
    pages.post("session", "extend", use: signIn.extend)
    pages.get(use: HomeController.show)
    pages.get("caseload", use: CaseloadController.show)

    let account = AccountController()
    pages.get("account", use: account.show)
    pages.post("account", "tokens", use: account.createToken)
    pages.post("account", "tokens", ":tokenId", "revoke", use: account.revokeToken)

    // People: every handler reaches a record only through PersonAccess, which applies the policy.
    let people = PeopleController()
    pages.get("people", use: people.index)
    let records = PersonRecordController()
    pages.get("people", "search", use: records.search)
    pages.get("people", "new", use: records.new)
    pages.post("people", use: records.create)
    pages.get("people", ":personId", "edit", use: records.edit)
    pages.post("people", ":personId", use: records.update)
    pages.get("people", ":personId", use: people.show)
    pages.get("people", ":personId", "access-log", use: people.accessLog)
    pages.post("people", ":personId", "break-glass", use: people.breakGlass)
    pages.get("people", ":personId", "chronology", use: ChronologyController.page)
    pages.get("people", ":personId", "network", use: NetworkController.page)
    pages.get("families", ":familyId", use: FamilyController.show)
    pages.get("people", ":personId", "involvements", "new", use: PersonFormsController.newInvolvement)
    pages.post("people", ":personId", "involvements", use: PersonFormsController.createInvolvement)
    pages.get("people", ":personId", "addresses", "new", use: PersonFormsController.newAddress)
    pages.post("people", ":personId", "addresses", use: PersonFormsController.createAddress)
    pages.get("people", ":personId", "relationships", "new", use: PersonFormsController.newRelationship)
    pages.post("people", ":personId", "relationships", use: PersonFormsController.createRelationship)
    pages.post(
        "people", ":personId", "relationships", ":relationshipId", "end", use: PersonFormsController.endRelationship)
    pages.get("people", ":personId", "families", "new", use: PersonFormsController.newFamily)
    pages.post("people", ":personId", "families", use: PersonFormsController.createFamily)
    pages.get("people", ":personId", "concerns", "new", use: ConcernsController.new)
    pages.post("people", ":personId", "concerns", use: ConcernsController.create)
    pages.get("concerns", ":concernId", use: ConcernDecisionController.show)
    pages.post("concerns", ":concernId", "decision", use: ConcernDecisionController.decide)
    pages.grouped(RequirePolicy("safeguarding") { $0.has(.safeguardingLead) })
        .get("safeguarding", use: ConcernsController.queue)
    pages.get("involvements", ":involvementId", use: InvolvementController.show)
    pages.post("involvements", ":involvementId", "level", use: InvolvementController.changeLevel)
    pages.post("involvements", ":involvementId", "close", use: InvolvementController.close)
    pages.get("people", ":personId", "merge", use: MergeController.confirm)
    pages.post("people", ":personId", "merge", use: MergeController.merge)
    pages.post("people", ":personId", "merges", ":mergeId", "undo", use: MergeController.undo)
    pages.get("people", ":personId", "network.svg", use: NetworkController.svg)
    pages.post("people", ":personId", "chronology", "notes", use: ChronologyController.addNote)

    // Recordings: reached only through RecordingAccess (every subject's policy; drafts are the author's).
    let recordings = RecordingsController()
    pages.get("people", ":personId", "recordings", "new", use: recordings.new)
    pages.post("people", ":personId", "recordings", use: recordings.create)
    pages.get("recordings", ":recordingId", use: recordings.show)
    pages.get("recordings", ":recordingId", "edit", use: recordings.edit)
    pages.post("recordings", ":recordingId", use: recordings.update)

    // Auditors only.
    let audit = pages.grouped(RequirePolicy("audit") { AuditTrailPolicy().mayBrowse($0) })
    audit.get("audit", use: AuditController.index)

    // Administrators only.
    let admin = pages.grouped(RequirePolicy("administration") { AdministrationPolicy().mayAdminister($0) })
    let users = AdminUsersController()
    admin.get("admin", "users", use: users.index)
    admin.get("admin", "users", "new", use: users.new)
    admin.post("admin", "users", use: users.create)
    admin.get("admin", "users", ":userId", use: users.show)
    admin.post("admin", "users", ":userId", use: users.update)
    admin.post("admin", "users", ":userId", "disable", use: users.disable)
    admin.post("admin", "users", ":userId", "enable", use: users.enable)
    admin.post("admin", "users", ":userId", "set-password-link", use: users.issueSetPasswordLink)

    // The JSON API: bearer tokens only.
    let api = app.grouped("api", "v1")
    api.get("openapi.json", use: APIController.openAPI)
    let authed = api.grouped(BearerAuthenticator())
    authed.get("people", use: APIController.people)
    authed.post("people", use: APIController.createPerson)
    authed.get("people", "search", use: APIController.search)
    authed.get("people", ":personId", use: APIController.person)
    authed.get("people", ":personId", "chronology", use: APIController.chronology)
    authed.get("people", ":personId", "relationships", use: CaseworkAPIController.relationships)
    authed.post("people", ":personId", "relationships", use: CaseworkAPIController.createRelationship)
    authed.get("people", ":personId", "involvements", use: CaseworkAPIController.involvements)
    authed.post("involvements", use: CaseworkAPIController.createInvolvement)
    authed.get("people", ":personId", "concerns", use: ConcernsController.apiList)
    authed.post("people", ":personId", "concerns", use: ConcernsController.apiCreate)
    authed.get("people", ":personId", "recordings", use: CaseworkAPIController.recordings)
    authed.post("people", ":personId", "recordings", use: CaseworkAPIController.createRecording)
    authed.get("recordings", ":recordingId", use: CaseworkAPIController.recording)
    authed.put("recordings", ":recordingId", use: CaseworkAPIController.updateRecording)
    authed.grouped(RequirePolicy("audit") { AuditTrailPolicy().mayBrowse($0) })
        .get("audit", use: APIController.audit)
}
