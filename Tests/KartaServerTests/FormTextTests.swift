import Foundation
import HummingbirdTesting
import KartaCore
import Testing

/// Control characters typed or pasted into a form are refused on the form, in Russian, with
/// the field named; nothing is stored. A textarea's CRLF line ends are stored as LF.
extension ServerTests {
    static let formVariants = ["\u{0}", "\u{7}", "\u{1B}[2J", "\u{7F}", "\u{85}", "\u{9B}", "\r"]
    static let formFields = [("report", "текст отчета"), ("comment", "комментарий"), ("evidence", "подтверждение")]

    @Test(arguments: formVariants, formFields)
    func formRefusesControlCharacters(_ variant: String, _ field: (name: String, label: String)) async throws {
        try await application().test(.router) { client in
            var mk = Browser(client: client)
            _ = try await mk.signIn("mk", "пароль-mk")
            let page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            let before = try history("1.4")
            var form = ["csrf": page.csrf ?? "", "transition": "report", "report": "Итоги подведены",
                        "evidence": "Протокол от 20.12.2022 № 5"]
            form[field.name] = "Текст\(variant) поля"
            let answer = try await mk.post("/roadmaps/shakhty-2022/activities/1.4", form)
            #expect(answer.status == .unprocessableContent, "\(answer.text)")
            #expect(answer.text.contains("поле «\(field.label)»: недопустимый управляющий символ U+"), "\(answer.text)")
            #expect(try history("1.4") == before)
        }
    }

    @Test func textareaLineEndsAreStoredAsLineFeeds() async throws {
        try await application().test(.router) { client in
            var mk = Browser(client: client)
            _ = try await mk.signIn("mk", "пароль-mk")
            let page = try await mk.get("/roadmaps/shakhty-2022/activities/1.4")
            let answer = try await mk.post("/roadmaps/shakhty-2022/activities/1.4", [
                "csrf": page.csrf ?? "", "transition": "report", "report": "Первая строка\r\nвторая строка",
                "evidence": "Протокол от 20.12.2022 № 5"])
            #expect(answer.status == .seeOther, "\(answer.text)")
            #expect(try history("1.4").contains { $0.field == "report" && $0.newValue == "Первая строка\nвторая строка" })
        }
    }
}
