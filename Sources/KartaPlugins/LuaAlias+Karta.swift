import KartaCore
import KartaReports

/// The named types of the annotations: the strings a field may hold, from the Swift enums
/// the decoders check against, and two unions.
extension LuaAlias {
    /// `calendar` and `roadmap.period_kind`.
    static let calendar = strings("karta.Calendar", LuaText("How a region counts its periods.", "Как регион считает периоды."),
                                  CalendarKind.self) {
        switch $0 {
        case .year: LuaText("January–December.", "Январь — декабрь.")
        case .schoolYear: LuaText("September–August.", "Сентябрь — август.")
        }
    }

    /// A role's `can`.
    static let permission = strings("karta.Permission", LuaText("What a role may do.", "Что разрешено роли."), Permission.self) {
        switch $0 {
        case .plan: LuaText("Change the plan of an activity (karta amend); in the standard workflow, also plan, postpone and cancel.",
                            "Менять план мероприятия (karta amend); в стандартном порядке работы также планировать, переносить и отменять.")
        case .report: LuaText("Record a fact date, report text and evidence, and submit a report; in the standard workflow, also start and finish.",
                              "Записывать дату факта, текст отчета и подтверждения, сдавать отчет; в стандартном порядке работы также начинать и завершать.")
        case .approve: LuaText("Approve the roadmap, and whatever plan and report allow.", "Утверждать дорожную карту и все, что разрешают plan и report.")
        case .view: LuaText("Nothing that changes data.", "Ничего, что меняет данные.")
        }
    }

    /// A status's `class`.
    static let statusClass = strings("karta.StatusClass",
                                     LuaText("What a status means to the host, whatever the region calls it.",
                                             "Что статус значит для хоста, как бы его ни называл регион."),
                                     StatusClass.self) {
        switch $0 {
        case .notStarted: LuaText("Counted in the totals, not done; overdue when its planned end has passed.",
                                  "Учитывается в итогах, не выполнено; просрочено, если плановый срок прошел.")
        case .inProgress: LuaText("Work under way (also «на проверке», «на доработке»); overdue when its planned end has passed.",
                                  "Работа идет (также «на проверке», «на доработке»); просрочено, если плановый срок прошел.")
        case .finished: LuaText("Counted as done; never overdue.", "Считается выполненным; не бывает просроченным.")
        case .postponed: LuaText("Counted in the totals, not done; listed as postponed; never overdue.",
                                 "Учитывается в итогах, не выполнено; показывается как перенесенное; не бывает просроченным.")
        case .notDone: LuaText("Left out of the totals; listed apart (cancelled).", "Не учитывается в итогах; показывается отдельно (отменено).")
        }
    }

    /// A transition's `requires`.
    static let requirement = strings("karta.Requirement", LuaText("What a transition needs filled.", "Что нужно заполнить для перехода."),
                                     Requirement.self) {
        switch $0 {
        case .fact: LuaText("The fact date.", "Дата факта.")
        case .report: LuaText("The report text.", "Текст отчета.")
        case .evidence: LuaText("At least one piece of evidence (what was recorded before counts).",
                                "Хотя бы одно подтверждение (учитываются и записанные раньше).")
        case .comment: LuaText("A comment given with this very change.", "Комментарий к этому же изменению.")
        }
    }

    /// A schedule reading's `kind`.
    static let scheduleKind = strings("karta.ScheduleKind", LuaText("What a timing phrase says.", "Что означает формулировка срока."),
                                      ScheduleInterpretation.Kind.self) {
        switch $0 {
        case .date: LuaText("One day.", "Один день.")
        case .dates: LuaText("Several separate days.", "Несколько отдельных дней.")
        case .range: LuaText("A run of days.", "Несколько дней подряд.")
        case .monthRange: LuaText("Whole months.", "Целые месяцы.")
        case .deadline: LuaText("Done by a day (end), no start given.", "К сроку (end), без начала.")
        case .from: LuaText("Open-ended from a day (start).", "Без окончания, начиная с дня (start).")
        case .wholePeriod: LuaText("The whole roadmap period.", "Весь период дорожной карты.")
        case .recurring: LuaText("Repeats; recurrence says how often.", "Повторяется; recurrence — как часто.")
        case .external: LuaText("Set by someone else's schedule.", "По чужому графику.")
        case .unknown: LuaText("Not understood.", "Не распознано.")
        }
    }

    /// `orientation` of a report format and a document.
    static let orientation = strings("karta.Orientation", LuaText("The page.", "Ориентация страницы."), Orientation.self) {
        switch $0 {
        case .portrait: LuaText("A4 upright.", "A4, книжная.")
        case .landscape: LuaText("A4 on its side, for tables of more than five or six columns.",
                                 "A4, альбомная, для таблиц больше чем в пять-шесть столбцов.")
        }
    }

    /// A report format's `scope`.
    static let reportScope = strings("karta.ReportScope", LuaText("What a report is built over.", "По чему строится отчет."), ReportScope.self) {
        switch $0 {
        case .roadmap: LuaText("One roadmap: build(roadmap); karta report.", "Одна дорожная карта: build(roadmap); karta report.")
        case .region: LuaText("Every roadmap of the region: build(roadmaps, figures, context); karta rollup.",
                              "Все дорожные карты региона: build(roadmaps, figures, context); karta rollup.")
        }
    }

    /// `align` of a paragraph and a column.
    static let alignment = strings("karta.Alignment", LuaText("Horizontal alignment.", "Выравнивание по горизонтали."), Alignment.self) {
        switch $0 {
        case .left: LuaText("Flush left.", "По левому краю.")
        case .center: LuaText("Centred.", "По центру.")
        case .right: LuaText("Flush right.", "По правому краю.")
        case .justify: LuaText("Justified.", "По ширине.")
        }
    }

    /// A column's `type`.
    static let columnType = strings("karta.ColumnType", LuaText("What spreadsheets store a column's cells as.",
                                                                "Как электронные таблицы хранят ячейки столбца."),
                                    ColumnType.self) {
        switch $0 {
        case .text: LuaText("Text (the default).", "Текст (по умолчанию).")
        case .number: LuaText("Numbers: a cell reading 12 or 3,5 is stored as a number; other text stays text.",
                              "Числа: ячейка «12» или «3,5» хранится как число; другой текст остается текстом.")
        case .date: LuaText("Dates: a cell reading 14.05.2021 is stored as a date; other text stays text.",
                            "Даты: ячейка «14.05.2021» хранится как дата; другой текст остается текстом.")
        }
    }

    /// A row's `kind`.
    static let rowKind = strings("karta.RowKind", LuaText("What a row is.", "Что это за строка."), ReportRow.Kind.self) {
        switch $0 {
        case .data: LuaText("An ordinary row: one cell per column.", "Обычная строка: по ячейке на столбец.")
        case .section: LuaText("A section heading across the whole table: one cell.", "Заголовок раздела во всю ширину таблицы: одна ячейка.")
        case .hint: LuaText("The form's own fill-in instructions, in italics under the header.",
                            "Указания формы по заполнению, курсивом под заголовком.")
        case .total: LuaText("A totals row («Итого»): one cell per column, in bold; a chart leaves it out.",
                             "Итоговая строка («Итого»): по ячейке на столбец, полужирным; диаграмма ее не показывает.")
        }
    }

    /// A roadmap signature's `kind`.
    static let signatureKind = strings("karta.SignatureKind", LuaText("Approval or signature.", "Утверждение или подпись."),
                                       Signature.Kind.self) {
        switch $0 {
        case .approval: LuaText("Above the title, right-aligned: «УТВЕРЖДАЮ».", "Над заголовком, справа: «УТВЕРЖДАЮ».")
        case .signature: LuaText("Below the table: the position on the left, the name on the right.",
                                 "Под таблицей: должность слева, имя справа.")
        }
    }

    /// Any block of a document.
    static let block = LuaAlias(
        name: "karta.Block", text: LuaText("A block of a report document.", "Блок документа отчета."),
        body: .type(LuaShape.blockShapes.map(\.name).joined(separator: "|")))

    /// A row as a plain list of cells.
    static let cells = LuaAlias(
        name: "karta.Cells",
        text: LuaText("A row as a list of cell texts: a nil cell prints empty; numbers print as Lua writes them.",
                      "Строка в виде списка текстов ячеек: ячейка nil печатается пустой; числа — как их пишет Lua."),
        body: .type("(string|number|nil)[]"))
}
