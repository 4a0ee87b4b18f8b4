/// Every text field of a change, checked by ``StoredText`` at the host's boundary
/// (`Workspace`) before the change reaches the store: the same rule for the CLI and the web.
extension Actor {
    /// The actor with its role and name checked.
    public func checkedText() throws(TextFieldError) -> Actor {
        Actor(role: try TextFieldError.check(role, field: "роль"), name: try TextFieldError.check(name, field: "исполнитель"))
    }
}

extension Evidence {
    /// The evidence with its title and link checked; `number` is its place in the list, 1-based.
    public func checkedText(number: Int) throws(TextFieldError) -> Evidence {
        Evidence(title: try TextFieldError.check(title, field: "подтверждение \(number)"),
                 url: try TextFieldError.check(url, field: "подтверждение \(number)"), file: file)
    }
}

extension ActivityChange {
    /// The change as it is stored: every text field checked (CRLF line ends made LF).
    ///
    /// - Throws: ``TextFieldError`` naming the first field that holds a control character.
    public func checkedText() throws(TextFieldError) -> ActivityChange {
        var checked = self
        checked.move = try TextFieldError.check(move, field: "действие")
        checked.fact = try TextFieldError.check(fact, field: "дата факта")
        checked.report = try TextFieldError.check(report, field: "текст отчета")
        checked.reason = try TextFieldError.check(reason, field: "комментарий")
        checked.actor = try actor.checkedText()
        var evidence: [Evidence] = []
        for (index, item) in self.evidence.enumerated() { evidence.append(try item.checkedText(number: index + 1)) }
        checked.evidence = evidence
        return checked
    }
}

extension PlanChange {
    /// The plan change as it is stored: every text field checked (CRLF line ends made LF).
    ///
    /// - Throws: ``TextFieldError`` naming the first field that holds a control character.
    public func checkedText() throws(TextFieldError) -> PlanChange {
        var checked = self
        checked.title = try TextFieldError.check(title, field: "название")
        checked.timing = try TextFieldError.check(timing, field: "сроки")
        checked.responsible = try TextFieldError.check(responsible, field: "ответственные")
        checked.reason = try TextFieldError.check(reason, field: "причина")
        checked.actor = try actor.checkedText()
        return checked
    }
}
