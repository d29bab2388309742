import Testing

@testable import HearthDomain

@Suite struct CensusCodeTests {
    @Test func sexIsTheCurrentCensusList() {
        #expect(CINSex.allCases.map(\.rawValue) == ["M", "F", "U"])
        #expect(CINSex(code: " f ") == .female)
        #expect(CINSex(code: "1") == nil)
        #expect(CINSex.unknown.label.contains("unborn"))
        #expect(CINSex.unknown.recordedAs == "Unknown")
        #expect(CINSex.female.recordedAs == "Female")
    }

    @Test func legacyGenderMapsOntoSex() {
        #expect(CINLegacyGender.allCases.map(\.rawValue) == ["0", "1", "2", "9"])
        #expect(CINLegacyGender.male.sex == .male)
        #expect(CINLegacyGender.female.sex == .female)
        #expect(CINLegacyGender.notKnown.sex == .unknown)
        #expect(CINLegacyGender.notSpecified.sex == .unknown)
    }

    @Test func ethnicityHasTheTwentyMainCodes() {
        let codes = CINEthnicity.allCases.map(\.rawValue)
        #expect(
            codes == [
                "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
                "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
            ])
        #expect(Set(CINEthnicity.allCases.map(\.label)).count == 20)
        #expect(CINEthnicity(code: "wbri") == .whiteBritish)
        #expect(CINEthnicity.whiteBritish.label == "White - British")
        #expect(CINEthnicity.notObtained.label == "Information not yet obtained")
        #expect(CINEthnicity.travellerOfIrishHeritage.group == .white)
        #expect(CINEthnicity.whiteAndAsian.group == .mixed)
        #expect(CINEthnicity.refused.group == .notRecorded)
        #expect(CINEthnicity.codesAndLabels.first?.code == "WBRI")
    }
}
