import HearthDomain
import Vapor

/// What the one layout needs on every page: the title, who is signed in, the navigation they may use,
/// the CSRF token for the header's sign-out form, and the idle time-out for the warning script.
struct Layout: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        var label: String
        var href: String
        var isCurrent: Bool
    }

    var title: String
    /// Whether anyone is signed in: the header's name and sign-out, the navigation and the idle
    /// warning show only then. Templates test Bools and show strings (ADR 0011).
    var isSignedIn = false
    var userName: String?
    var csrfToken: String
    /// Empty when signed out: there is nothing to navigate to.
    var navigation: [Link] = []
    var idleTimeoutSeconds = ""
    var idleWarningSeconds = ""

    init(_ req: Request, title: String) {
        self.title = title
        csrfToken = req.csrfToken
        guard let user = req.currentUser else { return }
        isSignedIn = true
        userName = user.displayName
        idleTimeoutSeconds = String(Int(req.settings.idleTimeout))
        idleWarningSeconds = String(Int(req.settings.idleWarning))
        let actor = user.actor
        var links: [(String, String)] = [("Home", "/")]
        if actor.practiceRole != nil { links.append(("My caseload", "/caseload")) }
        if actor.practiceRole != nil || actor.has(.safeguardingLead) || actor.has(.tutorAssessor) {
            links.append(("Work list", "/work-list"))
        }
        if actor.practiceRole != nil || actor.has(.safeguardingLead) {
            links.append(("People", "/people"))
            links.append(("Search recordings", "/recordings/search"))
        }
        if actor.has(.residentialWorker) || actor.has(.registeredManager) { links.append(("Homes", "/homes")) }
        if actor.has(.safeguardingLead) { links.append(("Concerns", "/safeguarding")) }
        if actor.has(.apprentice) || actor.has(.tutorAssessor) || actor.managerRole != nil {
            links.append(("Apprenticeships", "/apprenticeships"))
        }
        if actor.practiceRole != nil { links.append(("Supervision", "/supervision")) }
        if AuditTrailPolicy().mayBrowse(actor) { links.append(("Audit", "/audit")) }
        if AdministrationPolicy().mayAdminister(actor) {
            links.append(("Users", "/admin/users"))
            links.append(("Thresholds", "/admin/thresholds"))
        }
        links.append(("Your account", "/account"))
        let path = req.url.path
        navigation = links.map { label, href in
            Link(label: label, href: href, isCurrent: href == "/" ? path == "/" : path.hasPrefix(href))
        }
    }

    /// A page drawn again because something needs fixing starts its title "Error: ", once, so a screen
    /// reader says so before anything else (the GOV.UK pattern). Every form page builds its title here.
    init(_ req: Request, title: String, hasErrors: Bool) {
        self.init(req, title: hasErrors ? "Error: \(title)" : title)
    }

    init(_ req: Request, title: String, errors: FieldErrorList) {
        self.init(req, title: title, hasErrors: !errors.isEmpty)
    }
}

extension Request {
    /// Renders a page with a status: a form sent back with errors answers 422, not 200.
    func page(_ template: String, _ context: some Encodable, status: HTTPResponseStatus = .ok) async throws -> Response
    {
        let response = try await view.render(template, context).encodeResponse(for: self)
        response.status = status
        return response
    }
}
