import Fluent
import Foundation
import HearthDomain
import Vapor

/// Starting an apprenticeship: the entry checks are part of it, so an apprenticeship cannot begin without
/// an enhanced DBS check with the children's barred list.
struct ApprenticeshipInput: Content, Sendable {
    var apprenticeId: String?
    var bornOn: String?
    var option: String?
    var startedOn: String?
    var plannedGatewayOn: String?
    var plannedEndOn: String?
    var employer: String?
    var trainingProvider: String?
    var mentor: String?
    var tutorId: String?
    var weeklyHours: String?
    var perStandardMinimumHours: String?
    var plannedOffTheJobHours: String?
    var dbsCertificate: String?
    var dbsIssuedOn: String?
    var dbsBarredList: String?
    var dbsUpdateService: String?
    var englishStatus: String?
    var englishEvidence: String?
    var mathsStatus: String?
    var mathsEvidence: String?

    static let qualifications = [
        "residential": "Level 3 Diploma for Residential Childcare (England)",
        "community": "Certificate of Higher Education",
    ]

    /// One rule for English or maths, at the start and on every later change: a known status; the decision
    /// not to take them only where the rules allow it; evidence for an achievement.
    static func checkEnglishMaths(
        _ field: String, _ value: String?, evidence: String?, label: String, bornOn: CalendarDate?,
        start: CalendarDate?, into errors: inout FieldErrorList
    ) -> EnglishMathsStatus? {
        guard let status = value.flatMap(EnglishMathsStatus.init(rawValue:)) else {
            errors.add(field, "Choose where the apprentice is with \(label)")
            return nil
        }
        if status == .decidedNotToTake, let start, !EnglishMathsStatus.mayDecideNotToTake(bornOn: bornOn, start: start)
        {
            errors.add(
                field,
                "\(label) can only be left out for an apprentice aged 19 or over at a start on or after 11 February 2025; record their date of birth"
            )
        }
        if status == .achieved, evidence?.trimmed.nilIfEmpty == nil {
            errors.add(
                field.replacingOccurrences(of: "Status", with: "Evidence"), "Say what shows \(label) was achieved")
        }
        return status
    }

    static func ticked(_ value: String?) -> Bool { ["on", "true", "yes", "1"].contains(value?.lowercased() ?? "") }

    func check(apprentices: Set<UUID>, tutors: Set<UUID>) -> (Apprenticeship?, FieldErrorList) {
        var errors = FieldErrorList()
        let apprentice = apprenticeId.flatMap { UUID(uuidString: $0.trimmed) }
        if apprentice == nil || !apprentices.contains(apprentice!) {
            errors.add("apprenticeId", "Choose an apprentice in a team you manage")
        }
        let born = DateField.parse(
            bornOn, field: "bornOn", label: "their date of birth", required: false, into: &errors)
        if !["residential", "community"].contains(option ?? "") {
            errors.add("option", "Choose option 1 (residential) or option 2 (community)")
        }
        let start = DateField.parse(
            startedOn, field: "startedOn", label: "the start date", required: true, into: &errors)
        let gateway = DateField.parse(
            plannedGatewayOn, field: "plannedGatewayOn", label: "the planned gateway date", required: true,
            into: &errors)
        let end = DateField.parse(
            plannedEndOn, field: "plannedEndOn", label: "the planned end date", required: true, into: &errors)
        if let start, let gateway, gateway <= start {
            errors.add("plannedGatewayOn", "The planned gateway must be after the start")
        }
        if let gateway, let end, end < gateway {
            errors.add("plannedEndOn", "The planned end must not be before gateway")
        }
        let employer = errors.text(employer, "employer", "Employer", limit: 200, required: "Enter the employer")
        let provider = errors.text(
            trainingProvider, "trainingProvider", "Training provider", limit: 200,
            required: "Enter the training provider")
        let mentor = errors.text(mentor, "mentor", "Mentor", limit: 200)
        var tutor: UUID?
        if let text = tutorId?.trimmed.nilIfEmpty {
            tutor = UUID(uuidString: text)
            if tutor == nil || !tutors.contains(tutor!) { errors.add("tutorId", "Choose a tutor or assessor") }
        }
        let hours = weeklyHours.flatMap { Double($0.trimmed) }
        if hours == nil || !(1...60).contains(hours!) {
            errors.add("weeklyHours", "Enter contracted hours a week, 1 to 60")
        }
        var minimum: Int?
        if let text = perStandardMinimumHours?.trimmed.nilIfEmpty {
            minimum = Int(text)
            if minimum == nil || minimum! < 1 { errors.add("perStandardMinimumHours", "Enter a whole number of hours") }
        }
        var planned: Int?
        if let text = plannedOffTheJobHours?.trimmed.nilIfEmpty {
            planned = Int(text)
            if planned == nil || planned! < 1 {
                errors.add("plannedOffTheJobHours", "Enter the planned hours as a whole number")
            }
        }
        // The entry check: an enhanced DBS with the children's barred list, issued before the start.
        let certificate = errors.text(
            dbsCertificate, "dbsCertificate", "Certificate number", limit: 20,
            required: "An enhanced DBS check is required before the start: enter the certificate number")
        let issued = DateField.parse(
            dbsIssuedOn, field: "dbsIssuedOn", label: "the date the certificate was issued", required: true,
            into: &errors)
        if let issued, let start, issued > start {
            errors.add("dbsIssuedOn", "The DBS check must be issued before the apprenticeship starts")
        }
        if !Self.ticked(dbsBarredList) {
            errors.add("dbsBarredList", "The check must include the children’s barred list")
        }
        var statuses: [EnglishMathsStatus] = []
        for (field, value, evidence, label) in [
            ("englishStatus", englishStatus, englishEvidence, "English"),
            ("mathsStatus", mathsStatus, mathsEvidence, "Maths"),
        ] {
            if let status = Self.checkEnglishMaths(
                field, value, evidence: evidence, label: label, bornOn: born, start: start, into: &errors)
            {
                statuses.append(status)
            }
        }
        guard errors.isEmpty, let apprentice, let start, let gateway, let end, let hours, let employer, let provider,
            let certificate, let issued, statuses.count == 2, let option
        else { return (nil, errors) }
        let a = Apprenticeship()
        a.apprenticeId = apprentice
        a.apprenticeBornOn = born?.iso
        a.option = option
        a.startedOn = start.iso
        a.plannedGatewayOn = gateway.iso
        a.plannedEndOn = end.iso
        a.employer = employer
        a.trainingProvider = provider
        a.mentor = mentor
        a.tutorId = tutor
        a.weeklyHours = hours
        a.perStandardMinimumHours = minimum
        a.plannedOffTheJobHours = planned
        a.dbsCertificate = certificate
        a.dbsIssuedOn = issued.iso
        a.dbsBarredList = true
        a.dbsUpdateService = Self.ticked(dbsUpdateService)
        a.englishStatus = statuses[0].rawValue
        a.englishEvidence = englishEvidence?.trimmed.nilIfEmpty
        a.mathsStatus = statuses[1].rawValue
        a.mathsEvidence = mathsEvidence?.trimmed.nilIfEmpty
        a.qualification = Self.qualifications[option] ?? ""
        a.qualificationStatus = "in-progress"
        a.createdAt = Date()
        a.version = 1
        return (a, errors)
    }
}

/// One line of the off-the-job log.
struct OffTheJobInput: Content, Sendable {
    var doneOn: String?
    var hours: String?
    var activity: String?
    var description: String?
    var items: [String]?
    var evidence: String?

    /// The funding rules decide what counts: English and maths, progress reviews and anything after
    /// gateway are refused with the reason. The log is of training done, so a day still to come is refused
    /// too: counted now, it would put the apprentice on track before they are.
    func check(rules: OffTheJobLogRules, knownItems: Set<String>, today: CalendarDate) -> (
        OffTheJobLogEntry?, FieldErrorList
    ) {
        var errors = FieldErrorList()
        let date = DateField.parse(doneOn, field: "doneOn", label: "the date", required: true, into: &errors)
        DateField.notInFuture(date, today: today, field: "doneOn", label: "the date", into: &errors)
        let hours = self.hours.flatMap { Double($0.trimmed) }
        if hours == nil { errors.add("hours", "Enter the hours, like 1.5") }
        let activity = activity.flatMap(OffTheJobActivity.init(rawValue:))
        if activity == nil { errors.add("activity", "Choose what the training was") }
        let description = errors.text(
            description, "description", "What you did", limit: 4_000, required: "Say what you did and learned")
        let codes = (items ?? []).map(\.trimmed).filter { !$0.isEmpty }
        if let unknown = codes.first(where: { !knownItems.contains($0) }) {
            errors.add("items", "\(unknown) is not an item of your standard")
        }
        if let date, let hours, let activity {
            for problem in rules.problems(
                with: OffTheJobEntry(date: date, hours: hours, activity: activity, itemCodes: codes))
            {
                let field =
                    switch problem.reason {
                    case .hoursNotPositive, .hoursOverADay: "hours"
                    case .activityDoesNotCount: "activity"
                    case .afterGateway, .beforeStart: "doneOn"
                    }
                errors.add(field, problem.message)
            }
        }
        guard errors.isEmpty, let date, let hours, let activity, let description else { return (nil, errors) }
        let entry = OffTheJobLogEntry()
        entry.doneOn = date.iso
        entry.hours = hours
        entry.activity = activity.rawValue
        entry.description = description
        entry.items = codes.joined(separator: ",")
        entry.evidence = evidence?.trimmed.nilIfEmpty
        entry.recordedAt = Date()
        return (entry, errors)
    }
}
