/// What a status means to the host, whatever the region calls it: progress, overdue work
/// and what is due are computed from the class, never from a status id.
public enum StatusClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not started yet: may become overdue, may be «starting soon».
    case notStarted = "not_started"
    /// Under way (also: reported and waiting for review, returned for rework).
    case inProgress = "in_progress"
    /// Finished: counts as done.
    case finished
    /// Moved to a later date: never overdue, listed apart.
    case postponed
    /// Will not take place: left out of the totals.
    case notDone = "not_done"
}

/// A status a region's workflow declares.
public struct WorkflowStatus: Sendable, Hashable {
    /// Id as stored and typed (`review`).
    public var id: Status
    /// The label as the region prints it («на проверке»).
    public var label: String
    /// What it means to the host.
    public var kind: StatusClass

    /// Creates a status.
    public init(id: Status, label: String, kind: StatusClass) {
        self.id = id
        self.label = label
        self.kind = kind
    }
}

/// A field a transition needs filled before it may be taken.
public enum Requirement: String, Sendable, Hashable, Codable, CaseIterable {
    /// A fact date.
    case fact
    /// Report text.
    case report
    /// At least one piece of evidence.
    case evidence
    /// A comment with the change.
    case comment

    /// The field in Russian, as a refusal names it.
    public var russian: String {
        switch self {
        case .fact: "дата факта"
        case .report: "текст отчета"
        case .evidence: "подтверждающий документ или ссылка"
        case .comment: "комментарий"
        }
    }
}

/// A move from one status to another that some roles may take.
public struct Transition: Sendable, Hashable {
    /// Id typed on the command line (`accept`).
    public var id: String
    /// What the move is called («принять»).
    public var label: String
    /// Statuses it may start from; empty for any status but `to`.
    public var from: [Status]
    /// The status it leads to.
    public var to: Status
    /// Ids of the roles that may take it.
    public var roles: [String]
    /// Fields that must be filled.
    public var requires: [Requirement]
    /// Whether an activity where the move may be taken waits for those roles (`karta due`).
    public var due: Bool

    /// Creates a transition.
    public init(id: String, label: String, from: [Status], to: Status, roles: [String], requires: [Requirement] = [],
                due: Bool = true) {
        self.id = id
        self.label = label
        self.from = from
        self.to = to
        self.roles = roles
        self.requires = requires
        self.due = due
    }

    /// Whether the move may start from `status`.
    public func starts(from status: Status) -> Bool {
        from.isEmpty ? status != to : from.contains(status)
    }
}

/// A region's statuses and the transitions between them. A plugin that declares none gets
/// ``standard(roles:)``: the five statuses, and the moves each role's permissions allow.
public struct Workflow: Sendable, Hashable {
    /// Statuses in declaration order; `planned` is among them: an imported activity without
    /// a status starts there.
    public var statuses: [WorkflowStatus]
    /// Transitions in declaration order.
    public var transitions: [Transition]

    /// Creates a workflow.
    public init(statuses: [WorkflowStatus], transitions: [Transition]) {
        self.statuses = statuses
        self.transitions = transitions
    }

    /// The declared status with this id.
    public func status(_ id: Status) -> WorkflowStatus? { statuses.first { $0.id == id } }

    /// The status's class; a status the workflow does not declare counts as under way.
    public func kind(of id: Status) -> StatusClass { status(id)?.kind ?? .inProgress }

    /// The status's label, or its id when undeclared.
    public func label(of id: Status) -> String { status(id)?.label ?? id.rawValue }

    /// The transitions that may start from `status`, in declaration order.
    public func transitions(from status: Status) -> [Transition] {
        transitions.filter { $0.starts(from: status) }
    }

    /// An entry's old and new values as a person reads them: a status by its label.
    public func shown(_ entry: HistoryEntry) -> (old: String?, new: String?) {
        guard entry.field == "status" else { return (entry.oldValue, entry.newValue) }
        return (entry.oldValue.map { label(of: Status($0)) }, entry.newValue.map { label(of: Status($0)) })
    }

    /// Labels of every status by id (for reports).
    public var labels: [String: String] {
        Dictionary(statuses.map { ($0.id.rawValue, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    /// The fields a transition requires that the activity after the change, or the change
    /// itself (its comment), leaves empty.
    public static func missing(_ transition: Transition, after: Activity, comment: String?) -> [Requirement] {
        func blank(_ text: String?) -> Bool { text?.allSatisfy(\.isWhitespace) ?? true }
        return transition.requires.filter { requirement in
            switch requirement {
            case .fact: blank(after.fact)
            case .report: blank(after.report)
            case .evidence: after.evidence.isEmpty
            case .comment: blank(comment)
            }
        }
    }

    /// The five statuses Karta has always had; a role with `plan` may plan, postpone and
    /// cancel, a role with `report` may start and finish, and `approve` may do both.
    public static func standard(roles: [Role]) -> Workflow {
        let statuses = [
            WorkflowStatus(id: .planned, label: "запланировано", kind: .notStarted),
            WorkflowStatus(id: .inProgress, label: "выполняется", kind: .inProgress),
            WorkflowStatus(id: .done, label: "выполнено", kind: .finished),
            WorkflowStatus(id: .postponed, label: "перенесено", kind: .postponed),
            WorkflowStatus(id: .cancelled, label: "отменено", kind: .notDone),
        ]
        let moves: [(Status, String, Permission)] = [
            (.planned, "запланировать", .plan), (.inProgress, "начать", .report), (.done, "выполнить", .report),
            (.postponed, "перенести", .plan), (.cancelled, "отменить", .plan),
        ]
        let transitions = moves.map { status, label, permission in
            Transition(
                id: status.rawValue, label: label, from: [], to: status,
                roles: roles.filter { $0.permissions.contains(permission) || $0.permissions.contains(.approve) }.map(\.id),
                due: permission == .report)
        }
        return Workflow(statuses: statuses, transitions: transitions)
    }
}
