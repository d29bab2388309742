import Testing

@testable import HearthDomain

@Suite struct NameMatchingTests {
    @Test(arguments: [
        ("Lily-Mae", "lily mae"),
        ("Lily Mae", "lily mae"),
        ("  LILY   mae ", "lily mae"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Zoë", "zoe"),
        ("Chloé", "chloe"),
        ("Siân", "sian"),
        ("Łukasz Wójcik", "lukasz wojcik"),
        ("Þór Straße", "thor strasse"),
        ("Smith-Jones", "smith jones"),
        ("J. R.", "j r"),
    ])
    func normalisesNames(_ input: String, _ expected: String) {
        #expect(NameMatching.normaliseName(input) == expected)
    }

    @Test func compactNamesIgnoreSpacing() {
        #expect(NameMatching.compactName("O Brien") == NameMatching.compactName("O'Brien"))
        #expect(NameMatching.tokens("Lily-Mae Grace") == ["lily", "mae", "grace"])
    }

    @Test(arguments: [
        ["Mohammed", "Muhammad", "Mohamed", "Mohammad"],
        ["Shaun", "Sean", "Shawn"],
        ["Katherine", "Catherine", "Kathryn"],
        ["Stephen", "Steven"],
        ["Jon", "John"],
        ["Aisha", "Ayesha"],
        ["Zoe", "Zoey", "Zoë"],
        ["Okafor", "Okafro"],
        ["Jayden", "Jaydne", "Jaden"],
        ["Rahman", "Rehman"],
        ["Georgia", "Jorja"],
        ["Yusuf", "Yousuf", "Yousef"],
        ["Ahmed", "Ahmad", "Ahmet"],
        ["Philip", "Filip"],
        ["Leigh", "Lee"],
    ])
    func soundAlikesShareAPhoneticKey(_ names: [String]) {
        let keys = Set(names.map(NameMatching.phoneticKey))
        #expect(keys.count == 1, "\(names) gave \(keys)")
    }

    @Test(arguments: [
        ("Rahman", "Rahim"), ("Amara", "Okafor"), ("Okafor", "Okonkwo"), ("Sean", "Simon"), ("Chloe", "Charlotte"),
        ("Katherine", "Kathleen"), ("Mohammed", "Mahmood"), ("Ava", "Amara"),
    ])
    func differentNamesDoNot(_ lhs: String, _ rhs: String) {
        #expect(NameMatching.phoneticKey(lhs) != NameMatching.phoneticKey(rhs))
    }

    @Test func phoneticKeysAreAsDocumented() {
        #expect(NameMatching.phoneticKey("Mohammed") == "MHMT")
        #expect(NameMatching.phoneticKey("Shawn") == "SN")
        #expect(NameMatching.phoneticKey("Catherine") == "KTRN")
        #expect(NameMatching.phoneticKey("Steven") == "STFN")
        #expect(NameMatching.phoneticKey("Okafor") == "AKFR")
        #expect(NameMatching.phoneticKey("") == "")
    }

    @Test func trigramsArePadded() {
        #expect(NameMatching.trigrams("Okafor") == ["__o", "_ok", "oka", "kaf", "afo", "for", "or_"])
        #expect(NameMatching.trigrams("Jo") == ["__j", "_jo", "jo_"])
        #expect(NameMatching.trigrams("Lily-Mae").contains("mae"))
    }

    @Test func trigramSimilarity() {
        #expect(NameMatching.trigramSimilarity("Okafor", "okafor") == 1)
        #expect(NameMatching.trigramSimilarity("Okafor", "Zhang") == 0)
        let close = NameMatching.trigramSimilarity("Thompson", "Thomson")
        #expect(close > 0.6 && close < 1)
    }

    @Test(arguments: [
        ("Okafor", "Okafro", 1), ("Jayden", "Jaydne", 1), ("Okafor", "Okafor", 0), ("Rahman", "Rahim", 3),
        ("Thompson", "Thomson", 1), ("Smith", "Smyth", 1), ("ca", "abc", 3), ("", "abc", 3),
    ])
    func editDistance(_ lhs: String, _ rhs: String, _ expected: Int) {
        #expect(NameMatching.editDistance(lhs, rhs) == expected)
    }

    @Test func transpositions() {
        #expect(NameMatching.isTransposition("Okafor", "Okafro"))
        #expect(NameMatching.isTransposition("Jayden", "Jaydne"))
        #expect(!NameMatching.isTransposition("Smith", "Smyth"))
    }

    @Test func variantsTable() {
        #expect(NameVariants.areVariants("Kathryn", "Katherine"))
        #expect(NameVariants.areVariants("Kate", "Catherine"))
        #expect(NameVariants.areVariants("Muhammad", "Mohammed"))
        #expect(NameVariants.areVariants("Shawn", "Sean"))
        #expect(NameVariants.areVariants("Bill", "William"))
        #expect(NameVariants.areVariants("Zoë", "Zoey"))
        #expect(!NameVariants.areVariants("Liam", "William"))
        #expect(!NameVariants.areVariants("Sean", "Sean"))
        #expect(Set(NameVariants.groups(for: "Chris")) == ["christopher", "christina"])
        // Every name in the table is already normalised, so a lookup finds it.
        for group in NameVariants.groups {
            #expect(group.names.contains(group.canonical), "\(group.canonical) is not in its own group")
        }
    }
}
