import Vapor

/// A field-level problem with input, worded for the person who typed it.
struct FieldError: Content, Equatable {
    var field: String
    var message: String
}

/// Input that failed validation. The API answers 422 with the list; pages show an error summary and a
/// message beside each field. Nothing is saved.
struct ValidationFailed: Error, AbortError {
    var errors: [FieldError]

    /// The same errors with their fields given other names: a form's field ids ("area-health") as the
    /// API's properties ("areas.health").
    func renamed(_ name: (String) -> String) -> ValidationFailed {
        ValidationFailed(errors: errors.map { FieldError(field: name($0.field), message: $0.message) })
    }

    /// Runs `work` with its field errors `renamed`.
    static func naming<T>(_ name: (String) -> String, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let failed as ValidationFailed {
            throw failed.renamed(name)
        }
    }
    var status: HTTPResponseStatus { .unprocessableEntity }
    var reason: String { errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ") }
}

/// Collects field errors while checking a form, in the order the fields appear.
struct FieldErrorList: Sendable {
    private(set) var errors: [FieldError] = []

    init(_ errors: [FieldError] = []) { self.errors = errors }

    mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    var isEmpty: Bool { errors.isEmpty }

    /// The first message for each field, for templates that show a message beside its field.
    var byField: [String: String] { Dictionary(errors.map { ($0.field, $0.message) }) { first, _ in first } }

    /// Nil when there are none, so a template's `#if(errors):` reads naturally.
    var forPage: [FieldError]? { errors.isEmpty ? nil : errors }

    func message(for field: String) -> String? { errors.first { $0.field == field }?.message }

    func throwIfAny() throws {
        if !errors.isEmpty { throw ValidationFailed(errors: errors) }
    }
}

extension Array {
    /// Nil when empty. Leaf treats any array, even an empty one, as true in `#if`, so lists a template
    /// tests for are passed this way.
    var nonEmpty: Self? { isEmpty ? nil : self }
}
