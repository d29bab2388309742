import Foundation

/// The string functions behind person search and duplicate matching. Each works on names after
/// `normaliseName`, so "Zoë", "ZOE" and "zoe" are the same input.
public enum NameMatching {
    /// Letters that do not decompose into a base letter and a mark, spelt out as people in England would
    /// type them on a keyboard without them.
    private static let foldedLetters: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŋ": "n",
    ]

    /// Apostrophes join (O'Brien is "obrien"); every other separator splits (Lily-Mae is "lily mae").
    private static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "`", "\u{00B4}", "\u{02BC}"]

    /// Lower case, diacritics removed, apostrophes dropped, hyphens and other punctuation turned into
    /// spaces, whitespace collapsed. "  Lily-Mae  O’Brien " becomes "lily mae obrien"; "Zoë" becomes "zoe".
    public static func normaliseName(_ name: String) -> String {
        // Most names are plain ASCII; they need no Unicode decomposition, which is the slow part.
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return normaliseASCII(name) }
        var folded = ""
        for character in name.lowercased() {
            if let replacement = foldedLetters[character] {
                folded += replacement
            } else {
                folded.append(character)
            }
        }
        var output = ""
        var pendingSpace = false
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars {
            let category = scalar.properties.generalCategory
            if category == .nonspacingMark || category == .spacingMark || category == .enclosingMark { continue }
            if apostrophes.contains(Character(scalar)) { continue }
            if scalar.properties.isAlphabetic {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return output.precomposedStringWithCanonicalMapping
    }

    private static func normaliseASCII(_ name: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace, !output.isEmpty { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                output.append(byte | 0x20)
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                continue
            default:
                pendingSpace = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The normalised name's words: "Lily-Mae" gives ["lily", "mae"].
    public static func tokens(_ name: String) -> [String] {
        normaliseName(name).split(separator: " ").map(String.init)
    }

    /// The normalised name with its spaces removed, so "O Brien", "O'Brien" and "OBrien" agree.
    public static func compactName(_ name: String) -> String {
        normaliseName(name).replacingOccurrences(of: " ", with: "")
    }

    // MARK: Phonetic key

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
    private static let frontVowels: Set<Character> = ["e", "i", "y"]

    /// A sound-alike key for one name, tuned for names common in England across ethnicities.
    ///
    /// A simplified metaphone: the first sound is kept (any initial vowel becomes "A"), later vowels are
    /// dropped, doubled consonants collapse, and spellings of one sound meet: PH and V become F; TH becomes
    /// T and D becomes T; C is K, or S before E, I or Y; CH is S, except K before R or L (Christopher,
    /// Chloe); SH, SCH and TCH are S; KH is K; Q is K; X is KS; G before E, I or Y is J (Georgia, Jorja);
    /// GH is silent except at the start; H is kept only at the start of a name or between vowels
    /// (Mohammed, but John and Sarah lose it); W is kept only before a vowel (Shawn loses it); KN, GN, WR
    /// and PS at the start lose their first letter. So Mohammed, Muhammad and Mohamed are "MHMT"; Shaun,
    /// Sean and Shawn are "SN"; Katherine, Catherine and Kathryn are "KTRN"; Stephen and Steven "STFN".
    /// Names in other scripts keep their letters unchanged.
    ///
    /// Multi-word input is compacted first; key each word with `tokens` to key a full name.
    public static func phoneticKey(_ name: String) -> String {
        wordPhoneticKey(compactName(name))
    }

    /// `phoneticKey` for a word that is already normalised and has no spaces: skips normalising again.
    static func wordPhoneticKey(_ word: String) -> String {
        let s = Array(word)
        guard !s.isEmpty else { return "" }
        var out: [Character] = []
        var last: Character? = nil
        func emit(_ code: String) {
            for character in code {
                if character != last { out.append(character) }
                last = character
            }
        }
        func at(_ index: Int) -> Character? { index < s.count ? s[index] : nil }
        func isVowel(_ character: Character?) -> Bool { character.map { vowels.contains($0) } ?? false }

        var i = 0
        switch (at(0), at(1)) {
        case ("k", "n"), ("g", "n"), ("p", "n"), ("w", "r"), ("p", "s"): i = 1
        case ("w", "h"):
            emit("W")
            i = 2
        case ("x", _):
            emit("S")
            i = 1
        default: break
        }
        while i < s.count {
            let c = s[i]
            let next = at(i + 1)
            let afterNext = at(i + 2)
            let isStart = out.isEmpty
            // Y starting a name before a vowel is a consonant (Yusuf); anywhere else it is a vowel (Kathryn).
            if vowels.contains(c), !(c == "y" && isStart && isVowel(next)) {
                if isStart { emit("A") }
                last = nil
                i += 1
                continue
            }
            var advance = 1
            switch c {
            case "b": emit("B")
            case "c":
                if next == "h" {
                    emit(afterNext == "r" || afterNext == "l" ? "K" : "S")
                    advance = 2
                } else if next == "k" {
                    emit("K")
                    advance = 2
                } else if let next, frontVowels.contains(next) {
                    emit("S")
                } else {
                    emit("K")
                }
            case "d":
                if next == "g", let afterNext, frontVowels.contains(afterNext) {
                    emit("J")
                    advance = 2
                } else {
                    emit("T")
                }
            case "g":
                if next == "h" {
                    if isStart { emit("G") }
                    advance = 2
                } else if let next, frontVowels.contains(next) {
                    emit("J")
                } else {
                    emit("G")
                }
            case "h":
                let previous = i > 0 ? s[i - 1] : nil
                if isVowel(next) && (isStart || isVowel(previous)) { emit("H") }
            case "k":
                emit("K")
                if next == "h" { advance = 2 }
            case "p":
                if next == "h" {
                    emit("F")
                    advance = 2
                } else {
                    emit("P")
                }
            case "q": emit("K")
            case "s":
                if next == "c", afterNext == "h" {
                    emit("S")
                    advance = 3
                } else {
                    emit("S")
                    if next == "h" { advance = 2 }
                }
            case "t":
                if next == "h" {
                    emit("T")
                    advance = 2
                } else if next == "c", afterNext == "h" {
                    emit("S")
                    advance = 3
                } else {
                    emit("T")
                }
            case "v": emit("F")
            case "w": if isVowel(next) { emit("W") }
            case "x": emit("KS")
            case "y": emit("Y")
            default: emit(String(c).uppercased())
            }
            i += advance
        }
        return String(out)
    }

    // MARK: Trigrams

    /// The padded trigrams of each word of a name: "okafor" gives "__o", "_ok", "oka", "kaf", "afo", "for",
    /// "or_". Padding makes the first and last letters count, so short names still have trigrams and a
    /// wrong first letter costs more than a wrong middle one.
    public static func trigrams(_ name: String) -> Set<String> {
        tokens(name).reduce(into: []) { $0.formUnion(wordTrigrams($1)) }
    }

    /// `trigrams` for one word that is already normalised: skips normalising again.
    static func wordTrigrams(_ word: String) -> Set<String> {
        guard !word.isEmpty else { return [] }
        let padded = Array("__" + word + "_")
        var result: Set<String> = []
        for start in 0...(padded.count - 3) {
            result.insert(String(padded[start..<(start + 3)]))
        }
        return result
    }

    /// The Dice coefficient of two names' trigram sets, 0...1: twice the shared trigrams over the total.
    public static func trigramSimilarity(_ lhs: String, _ rhs: String) -> Double {
        dice(trigrams(lhs), trigrams(rhs))
    }

    static func dice(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
    }

    // MARK: Edit distance

    /// Damerau–Levenshtein distance in its optimal string alignment form: insertions, deletions,
    /// substitutions and swaps of two adjacent letters each cost one, so "Okafro" is one edit from
    /// "Okafor" and "Jaydne" one from "Jayden". Compares the normalised names.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        osaDistance(Array(normaliseName(lhs)), Array(normaliseName(rhs)))
    }

    /// Whether two names differ only by two adjacent letters swapped.
    public static func isTransposition(_ lhs: String, _ rhs: String) -> Bool {
        isTransposition(Array(normaliseName(lhs)), Array(normaliseName(rhs)))
    }

    static func isTransposition(_ a: [Character], _ b: [Character]) -> Bool {
        guard a.count == b.count, a != b else { return false }
        let differing = a.indices.filter { a[$0] != b[$0] }
        guard differing.count == 2, differing[1] == differing[0] + 1 else { return false }
        return a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]]
    }

    static func osaDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows are enough: a swap looks back two rows.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, beforePrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

/// Everything matching needs to know about one normalised word, worked out once per comparison
/// instead of once per pair of words.
struct WordProfile: Hashable, Sendable {
    let word: String
    let letters: [Character]
    /// The padded trigrams, each packed into an integer, sorted and unique: far cheaper to compare than
    /// sets of strings.
    let trigramCodes: [UInt64]
    let phonetic: String

    init(_ word: String) {
        self.word = word
        letters = Array(word)
        phonetic = NameMatching.wordPhoneticKey(word)
        let padded: [UInt64] = [0, 0] + word.unicodeScalars.map { UInt64($0.value) } + [0]
        var codes: [UInt64] = []
        if !word.isEmpty {
            for start in 0...(padded.count - 3) {
                codes.append(padded[start] << 42 | padded[start + 1] << 21 | padded[start + 2])
            }
        }
        trigramCodes = Array(Set(codes)).sorted()
    }

    /// The Dice coefficient of the two words' trigrams, as `NameMatching.trigramSimilarity` gives it.
    func dice(_ other: WordProfile) -> Double {
        guard !trigramCodes.isEmpty || !other.trigramCodes.isEmpty else { return 0 }
        var shared = 0
        var i = 0
        var j = 0
        while i < trigramCodes.count, j < other.trigramCodes.count {
            if trigramCodes[i] == other.trigramCodes[j] {
                shared += 1
                i += 1
                j += 1
            } else if trigramCodes[i] < other.trigramCodes[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return 2 * Double(shared) / Double(trigramCodes.count + other.trigramCodes.count)
    }
}
