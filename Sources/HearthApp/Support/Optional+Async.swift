extension Optional {
    /// `map` for an asynchronous transform: loading a related row only when there is an id to load.
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
