import Fluent
import Foundation

final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String

    init() {}
    init(id: UUID? = nil, name: String) {
        self.id = id
        self.name = name
    }
}

final class Team: Model, @unchecked Sendable {
    static let schema = "teams"
    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "name") var name: String

    init() {}
    init(id: UUID? = nil, organisationId: UUID, name: String) {
        self.id = id
        self.$organisation.id = organisationId
        self.name = name
    }
}
