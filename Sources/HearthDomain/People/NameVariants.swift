import Foundation

/// A set of given names that people use for one another: spellings, transliterations and the short
/// forms a child is commonly known by. `canonical` names the group in search keys and reasons.
public struct NameVariantGroup: Sendable, Hashable {
    public let canonical: String
    public let names: [String]

    public init(_ canonical: String, _ names: [String]) {
        self.canonical = canonical
        self.names = names
    }
}

/// A curated table of given-name variants, as data. Names alone are not personal data.
///
/// Kept deliberately modest and conservative. A group should hold names that practitioners, schools and
/// health records really do use for the same person; names that have become names in their own right
/// are left out even when historically related (Liam is not linked to William, Jack not to John, Jamie
/// not to James), because siblings often carry such pairs and a false link makes a duplicate warning
/// that trains people to ignore warnings. Spellings the phonetic key already joins are listed anyway,
/// so that a match can say "is a variant of" rather than only "sounds like".
/// A name may sit in more than one group (Chris, Alex, Sam), and matches any of them.
public enum NameVariants {
    public static let groups: [NameVariantGroup] = [
        NameVariantGroup("abigail", ["abigail", "abbie", "abby", "abi", "abbey"]),
        NameVariantGroup("ahmed", ["ahmed", "ahmad", "ahmet"]),
        NameVariantGroup("aisha", ["aisha", "ayesha", "aysha", "aishah", "ayisha", "aesha"]),
        NameVariantGroup("alexander", ["alexander", "aleksander", "alexandr", "alex", "alec", "sasha"]),
        NameVariantGroup("alexandra", ["alexandra", "aleksandra", "alex", "lexi", "lexie", "sasha"]),
        NameVariantGroup("anthony", ["anthony", "antony", "tony"]),
        NameVariantGroup(
            "catherine",
            [
                "catherine", "katherine", "kathryn", "katharine", "catharine", "katheryn", "cathy", "kathy", "kate",
                "katie", "katy", "kat", "cath", "kath",
            ]),
        NameVariantGroup("charles", ["charles", "charlie", "chas", "charley"]),
        NameVariantGroup("charlotte", ["charlotte", "charlie", "lottie", "lotte"]),
        NameVariantGroup("christopher", ["christopher", "kristopher", "christoper", "chris", "kris"]),
        NameVariantGroup("christina", ["christina", "christine", "kristina", "kristine", "chris", "tina"]),
        NameVariantGroup("daniel", ["daniel", "dan", "danny", "daniyal"]),
        NameVariantGroup("edward", ["edward", "ed", "eddie", "eddy", "ted", "teddy"]),
        NameVariantGroup("elizabeth", ["elizabeth", "elisabeth", "eliza", "liz", "lizzie", "lizzy", "beth", "libby"]),
        NameVariantGroup("emeka", ["chukwuemeka", "emeka"]),
        NameVariantGroup("fatima", ["fatima", "fatimah", "fatema", "fatma"]),
        NameVariantGroup("hannah", ["hannah", "hanna", "hana"]),
        NameVariantGroup("hussain", ["hussain", "hussein", "husain", "husayn", "hossain"]),
        NameVariantGroup("ibrahim", ["ibrahim", "ebrahim", "ibraheem", "ibrahima"]),
        NameVariantGroup("isabel", ["isabel", "isabelle", "isabella", "isobel", "izzy", "izzie"]),
        NameVariantGroup("jayden", ["jayden", "jaden", "jaiden", "jaydon", "jaydan", "jaeden"]),
        NameVariantGroup("john", ["john", "jon", "johnny", "jonny", "johnnie", "ioan", "ion"]),
        NameVariantGroup("jonathan", ["jonathan", "jonathon", "johnathan", "johnathon", "jon", "jonny"]),
        NameVariantGroup("joseph", ["joseph", "joe", "joey", "josef", "jozef"]),
        NameVariantGroup("kieran", ["kieran", "kieron", "ciaran", "keiran", "kieren"]),
        NameVariantGroup("margaret", ["margaret", "maggie", "meg", "peggy"]),
        NameVariantGroup("matthew", ["matthew", "mathew", "matt", "matty", "mateusz"]),
        NameVariantGroup("michael", ["michael", "micheal", "mikael", "mikhail", "michal", "mike", "mikey", "mick"]),
        NameVariantGroup(
            "mohammed",
            [
                "mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "muhamed", "mohammod", "mohd",
            ]),
        NameVariantGroup("nicholas", ["nicholas", "nicolas", "nikolas", "nick", "nicky", "nico"]),
        NameVariantGroup("niamh", ["niamh", "neve", "neave", "nieve"]),
        NameVariantGroup("oluwaseun", ["oluwaseun", "seun"]),
        NameVariantGroup("oluwatobi", ["oluwatobi", "tobi"]),
        NameVariantGroup("patrick", ["patrick", "pat", "paddy"]),
        NameVariantGroup("philip", ["philip", "phillip", "filip", "phil"]),
        NameVariantGroup("rebecca", ["rebecca", "rebekah", "becky", "becca"]),
        NameVariantGroup("robert", ["robert", "rob", "robbie", "bob", "bobby"]),
        NameVariantGroup("samantha", ["samantha", "sam", "sammie", "sammy"]),
        NameVariantGroup("samuel", ["samuel", "sam", "sammy"]),
        NameVariantGroup("sarah", ["sarah", "sara"]),
        NameVariantGroup("sean", ["sean", "shaun", "shawn", "shaune", "shon"]),
        NameVariantGroup("siobhan", ["siobhan", "shivaun", "shevaun", "shavonne"]),
        NameVariantGroup("stephen", ["stephen", "steven", "stefan", "stephan", "steve", "stevie"]),
        NameVariantGroup("thomas", ["thomas", "tom", "tommy", "tomas", "tomasz"]),
        NameVariantGroup("william", ["william", "will", "willie", "bill", "billy"]),
        NameVariantGroup("yusuf", ["yusuf", "yousuf", "yousef", "yusef", "youssef", "yosef"]),
        NameVariantGroup("zoe", ["zoe", "zoey", "zoie", "zoé"]),
    ]

    /// Each normalised name to the canonical names of every group it is in.
    public static let groupsByName: [String: [String]] = {
        var index: [String: [String]] = [:]
        for group in groups {
            for name in Set(group.names.map(NameMatching.normaliseName)) {
                index[name, default: []].append(group.canonical)
            }
        }
        return index
    }()

    /// The canonical names of the groups a given name belongs to; empty when it is in none.
    public static func groups(for name: String) -> [String] {
        groupsByName[NameMatching.normaliseName(name)] ?? []
    }

    /// Whether two given names are variants of one another (and not simply the same name).
    public static func areVariants(_ lhs: String, _ rhs: String) -> Bool {
        areVariants(normalised: NameMatching.normaliseName(lhs), NameMatching.normaliseName(rhs))
    }

    static func areVariants(normalised a: String, _ b: String) -> Bool {
        guard a != b, let groupsOfA = groupsByName[a], let groupsOfB = groupsByName[b] else { return false }
        return groupsOfA.contains(where: groupsOfB.contains)
    }
}
