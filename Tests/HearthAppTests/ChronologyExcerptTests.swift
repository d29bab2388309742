import Testing

@testable import HearthApp

/// The chronology shows the start of each note on one line.
@Suite struct ChronologyExcerptTests {
    @Test func aShortNoteIsShownWholeOnOneLine() {
        #expect(
            ChronologyQueries.excerpt("  Visited at home.\nAmelia was in the garden.\n\n")
                == "Visited at home. Amelia was in the garden.")
        #expect(ChronologyQueries.excerpt("\r\nSeen at school\r\n") == "Seen at school")
        #expect(ChronologyQueries.excerpt("") == "")
        #expect(ChronologyQueries.excerpt(" \n ") == "")
    }

    @Test func aLongNoteIsCutWithAnEllipsisAtTheLimit() {
        let note = String(repeating: "word ", count: 100)
        let excerpt = ChronologyQueries.excerpt(note, limit: 20)
        #expect(excerpt == "word word word word…")
        #expect(excerpt.count == 20)
        // Exactly the limit, blanks after it: not cut.
        #expect(ChronologyQueries.excerpt("abcde  \n", limit: 5) == "abcde")
        // One more visible character after the limit: cut.
        #expect(ChronologyQueries.excerpt("abcde \nf", limit: 5) == "abcd…")
        // Characters, not bytes: a name with accents and an emoji count once each.
        #expect(ChronologyQueries.excerpt("Zoë 👍🏽 ok", limit: 6) == "Zoë 👍🏽 ok".prefix(5) + "…")
    }

    /// Plain ASCII notes take a faster path over bytes; it must cut exactly where the path over
    /// characters does, line endings and tabs included.
    @Test func theFastPathAgreesWithThePathOverCharacters() {
        let texts = [
            "a\r\nb", "\r\n\r\n  x \t y\n", "line\rbreak\u{0B}and\u{0C}more", String(repeating: "ab\r\n", count: 50),
            String(repeating: "x", count: 9) + "\r\n", "tab\tkept", "   ", "1234567890 tail",
        ]
        for text in texts {
            for limit in [1, 2, 5, 9, 10, 11, 240] {
                let fast = ChronologyQueries.asciiExcerpt(text, limit: limit)
                #expect(
                    fast == ChronologyQueries.characterExcerpt(text, limit: limit), "\(text.debugDescription) \(limit)")
            }
        }
        #expect(ChronologyQueries.asciiExcerpt("Zoë", limit: 10) == nil)
    }
}
