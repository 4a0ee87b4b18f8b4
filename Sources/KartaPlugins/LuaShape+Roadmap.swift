/// The tables the host gives a plugin's functions (Roadmap+Lua.swift, ``Plugin/resolve(_:roadmap:before:)``)
/// and what `validate` returns, as docs/plugin-authoring.md describes them. A required field
/// is one the host always gives; an optional one is nil when the data has none.
extension LuaShape {
    /// The roadmap a report's `build`, `validate` and a rule receive.
    static let roadmap = LuaShape(
        name: "karta.Roadmap",
        text: LuaText("A roadmap as a report receives it: a read-only copy; changing it changes nothing stored.",
                      "Дорожная карта, как ее получает отчет: копия только для чтения; ее изменение ничего не меняет в базе."),
        fields: [
            .required("id", "string", "The roadmap's id («pskov-2021»).", "Идентификатор дорожной карты («pskov-2021»)."),
            .required("plugin", "string", "The id of its plugin.", "Идентификатор ее плагина."),
            .required("region", "karta.RoadmapRegion", "The region, by code.", "Регион, по коду."),
            .required("municipality", "string", "The municipality.", "Муниципалитет."),
            .required("period", "string", "The period as written («2021», «2020-2021»).", "Период, как он записан («2021», «2020-2021»)."),
            .required("period_kind", "karta.Calendar", "A calendar or a school year.", "Календарный или учебный год."),
            .required("year", "integer", "The period's first year.", "Первый год периода."),
            .required("title", "string", "The title.", "Название."),
            .optional("subtitle", "string", "The subtitle.", "Подзаголовок."),
            .optional("goal", "string", "The goal.", "Цель."),
            .required("tasks", "string[]", "The tasks.", "Задачи."),
            .optional("approval", "karta.Approval", "The order that approved the roadmap; nil when there is none.",
                      "Приказ, которым утверждена дорожная карта; nil, если его нет."),
            .required("blocks", "table<string, string>", "Named text blocks of the data file (letterhead, preface, glossary, …).",
                      "Именованные текстовые блоки файла данных (letterhead, preface, glossary, …)."),
            .required("signatures", "karta.RoadmapSignature[]", "Approval and signature blocks of the data file.",
                      "Блоки утверждения и подписей из файла данных."),
            .optional("reporting", "karta.Reporting", "The reporting stage the report is built for; nil without --stage.",
                      "Этап отчетности, для которого строится отчет; nil без --stage."),
            .required("extra", "table<string, string>", "Fields of the region's own from the data file.", "Собственные поля региона из файла данных."),
            .required("activities", "karta.Activity[]", "The activities in document order.", "Мероприятия в порядке документа."),
        ])

    /// `roadmap.region`.
    static let roadmapRegion = LuaShape(
        name: "karta.RoadmapRegion",
        text: LuaText("The region of a roadmap.", "Регион дорожной карты."),
        fields: [.required("code", "integer", "The region's code.", "Код региона.")])

    /// `roadmap.approval`.
    static let approval = LuaShape(
        name: "karta.Approval",
        text: LuaText("The order that approved the roadmap.", "Приказ об утверждении дорожной карты."),
        fields: [
            .optional("by", "string", "Who approved it.", "Кто утвердил."),
            .optional("number", "string", "The order's number («34/1»).", "Номер приказа («34/1»)."),
            .optional("date", "string", "The order's date, YYYY-MM-DD.", "Дата приказа, ГГГГ-ММ-ДД."),
            .optional("text", "string", "The order as the documents print it («приказ № 279 от 01.07.2022»); nil when neither number nor date is known.",
                      "Приказ, как его печатают документы («приказ № 279 от 01.07.2022»); nil, если неизвестны ни номер, ни дата."),
        ])

    /// An item of `roadmap.signatures`.
    static let roadmapSignature = LuaShape(
        name: "karta.RoadmapSignature",
        text: LuaText("An approval or signature block of the data file; karta.report.signatures turns them into report blocks.",
                      "Блок утверждения или подписи из файла данных; karta.report.signatures превращает их в блоки отчета."),
        fields: [
            .required("kind", "karta.SignatureKind", "Approval or signature.", "Утверждение или подпись."),
            .optional("label", "string", "The word printed first («УТВЕРЖДАЮ»).", "Слово, которое печатается первым («УТВЕРЖДАЮ»)."),
            .required("position", "string", "Position and organisation as printed.", "Должность и организация, как напечатано."),
            .required("name", "string", "The name as printed.", "Имя, как напечатано."),
            .optional("date", "string", "A date line.", "Строка с датой."),
        ])

    /// `roadmap.reporting`.
    static let reporting = LuaShape(
        name: "karta.Reporting",
        text: LuaText("The reporting stage a report is built for, its days in the roadmap's period.",
                      "Этап отчетности, для которого строится отчет, с днями в периоде дорожной карты."),
        fields: [
            .required("id", "string", "The stage's id.", "Идентификатор этапа."),
            .required("title", "string", "The stage's title.", "Название этапа."),
            .optional("start", "string", "The first day, YYYY-MM-DD.", "Первый день, ГГГГ-ММ-ДД."),
            .optional("end", "string", "The last day, YYYY-MM-DD.", "Последний день, ГГГГ-ММ-ДД."),
        ])

    /// An item of `roadmap.activities` (and of `activity.activities`).
    static let activity = LuaShape(
        name: "karta.Activity",
        text: LuaText("An activity (мероприятие); text exactly as the data file has it, absent fields nil.",
                      "Мероприятие; текст в точности как в файле данных, отсутствующие поля — nil."),
        fields: [
            .required("key", "string", "Unique in the roadmap («12.3»).", "Уникален в дорожной карте («12.3»)."),
            .required("number", "string", "The number as printed; may be \"\".", "Номер, как напечатан; может быть \"\"."),
            .optional("stage", "string", "The id of its stage.", "id его раздела."),
            .required("title", "string", "The title.", "Название."),
            .optional("description", "string", "The description.", "Описание."),
            .optional("timing", "string", "The planned timing as written («до 31.03.2021»).", "Плановый срок, как записан («до 31.03.2021»)."),
            .optional("fact", "string", "The fact dates.", "Фактические даты."),
            .optional("responsible", "string", "The responsible parties as printed.", "Ответственные, как напечатано."),
            .required("roles", "string[]", "The role ids of the responsible parties.", "id ролей ответственных."),
            .optional("audience", "string", "The target audience.", "Целевая аудитория."),
            .optional("level", "string", "The project level (ФП/РП).", "Уровень проекта (ФП/РП)."),
            .optional("indicator", "string", "The expected result or indicator.", "Ожидаемый результат или показатель."),
            .required("status", "string", "A status id of the region's workflow.", "id статуса из порядка работы региона."),
            .required("status_text", "string", "The status's label, as the region prints it.", "Название статуса, как его печатает регион."),
            .optional("report", "string", "The report text.", "Текст отчета."),
            .required("evidence", "karta.Evidence[]", "Evidence: links and document references.", "Подтверждения: ссылки и реквизиты документов."),
            .required("extra", "table<string, string>", "Fields of the region's own.", "Собственные поля региона."),
            .required("activities", "karta.Activity[]", "Sub-activities.", "Вложенные мероприятия."),
        ])

    /// An item of `activity.evidence`.
    static let evidence = LuaShape(
        name: "karta.Evidence",
        text: LuaText("A piece of evidence: a link, a document reference or an uploaded file.",
                      "Подтверждение: ссылка, реквизиты документа или загруженный файл."),
        fields: [
            .optional("title", "string", "The document («Приказ … от 14.05.2021 № 560»).", "Документ («Приказ … от 14.05.2021 № 560»)."),
            .optional("url", "string", "The link.", "Ссылка."),
            .required("text", "string", "As printed: «title url».", "Как печатается: «название ссылка»."),
            .optional("file", "string", "The name of an uploaded file.", "Имя загруженного файла."),
        ])

    /// The change a rule or guard checks.
    static let change = LuaShape(
        name: "karta.Change",
        text: LuaText("The change karta mark is about to record, as rules and guards receive it.",
                      "Изменение, которое karta mark собирается записать, как его получают правила и условия переходов."),
        fields: [
            .required("key", "string", "The activity's key.", "Ключ мероприятия."),
            .required("number", "string", "The activity's number.", "Номер мероприятия."),
            .required("from", "string", "The status id before the change.", "id статуса до изменения."),
            .required("to", "string", "The status id after it; equal to from when the change sets fields only.",
                      "id статуса после него; равен from, если меняются только поля."),
            .optional("transition", "string", "The id of the transition taken; nil without a move.", "id выполняемого перехода; nil без перехода."),
            .optional("fact", "string", "The fact date after the change.", "Дата факта после изменения."),
            .optional("report", "string", "The report text after the change.", "Текст отчета после изменения."),
            .required("evidence", "string[]", "Every piece of evidence after the change, as printed.", "Все подтверждения после изменения, как печатаются."),
            .required("added_evidence", "string[]", "The evidence given with this change.", "Подтверждения, переданные с этим изменением."),
            .required("role", "string", "The acting role's id.", "id действующей роли."),
            .required("role_abbr", "string", "The acting role's abbreviation.", "Сокращение действующей роли."),
            .optional("actor", "string", "The person, if known.", "Кто действует, если известно."),
            .optional("comment", "string", "The comment given with the change (karta mark --comment).", "Комментарий к изменению (karta mark --comment)."),
            .optional("reason", "string", "The same as comment, its older name.", "То же, что comment, — прежнее имя."),
        ])

    /// An item of what `validate(roadmap)` returns.
    static let problem = LuaShape(
        name: "karta.Problem",
        text: LuaText("A problem validate found; any problem refuses the whole import.",
                      "Замечание, найденное validate; любое замечание отменяет весь импорт."),
        fields: [
            .optional("key", "string", "The activity, by key.", "Мероприятие, по ключу."),
            .optional("field", "string", "A field of the activity, or a top-level field without key.",
                      "Поле мероприятия или, без key, поле верхнего уровня."),
            .required("message", "string", "What is wrong, in the region's words.", "Что не так, словами региона."),
        ])

    /// The host's figures of one roadmap, as a region report's `build` receives them.
    static let figures = LuaShape(
        name: "karta.Figures",
        text: LuaText("The host's figures of one roadmap on the report's day; every activity and sub-activity counts once.",
                      "Показатели хоста по одной дорожной карте на дату отчета; каждое мероприятие и подмероприятие считается один раз."),
        fields: [
            .required("roadmap", "string", "The roadmap's id.", "Идентификатор дорожной карты."),
            .required("municipality", "string", "The municipality.", "Муниципалитет."),
            .required("planned", "integer", "Activities counted: every status class but not_done.",
                      "Учтенные мероприятия: все классы статусов, кроме not_done."),
            .required("done", "integer", "Activities of class finished.", "Мероприятия класса finished."),
            .required("in_progress", "integer", "Activities of class in_progress.", "Мероприятия класса in_progress."),
            .required("not_started", "integer", "Activities of class not_started.", "Мероприятия класса not_started."),
            .required("postponed", "integer", "Activities of class postponed.", "Мероприятия класса postponed."),
            .required("cancelled", "integer", "Activities of class not_done, outside planned.", "Мероприятия класса not_done, вне planned."),
            .required("overdue", "integer", "Not started or under way, and the planned end has passed.",
                      "Не начаты или выполняются, а плановый срок прошел."),
            .required("done_without_evidence", "integer", "Finished with no evidence recorded.", "Выполнены без подтверждающих документов."),
            .optional("review", "integer", "Waiting for review (a status whose finishing move other roles take); nil when the workflow has none.",
                      "Ждут проверки (статус, из которого завершают другие роли); nil, если в порядке работы такого нет."),
            .required("stages", "karta.StageFigures[]", "Done and planned per stage, in the plugin's stage order.",
                      "Выполнено и запланировано по разделам, в порядке разделов плагина."),
        ])

    /// An item of `figures.stages`.
    static let stageFigures = LuaShape(
        name: "karta.StageFigures",
        text: LuaText("Done and planned of one stage.", "Выполнено и запланировано по одному разделу."),
        fields: [
            .required("id", "string", "The stage's id; \"\" for activities without a stage.", "Идентификатор раздела; \"\" для мероприятий без раздела."),
            .required("title", "string", "The stage's title.", "Название раздела."),
            .required("done", "integer", "Activities done.", "Выполнено."),
            .required("planned", "integer", "Activities counted.", "Учтено."),
        ])

    /// The third argument of a region report's `build`.
    static let regionContext = LuaShape(
        name: "karta.RegionContext",
        text: LuaText("What a region report is built for.", "Для чего строится отчет по региону."),
        fields: [
            .required("as_of", "string", "The day the figures are for, YYYY-MM-DD.", "Дата, на которую даны показатели, ГГГГ-ММ-ДД."),
            .required("as_of_text", "string", "The same day as documents print it, DD.MM.YYYY.", "Та же дата, как ее печатают документы, ДД.ММ.ГГГГ."),
            .required("period", "string", "The period of the roadmaps («2021», «2020-2021»).", "Период дорожных карт («2021», «2020-2021»)."),
            .required("region", "karta.Region", "The plugin's region.", "Регион плагина."),
            .required("municipalities", "integer", "How many roadmaps the report is over.", "Сколько дорожных карт в отчете."),
        ])

    /// Every shape the host gives a plugin, in the order of the generated file.
    static let roadmapShapes: [LuaShape] = [
        .roadmap, .roadmapRegion, .approval, .roadmapSignature, .reporting, .activity, .evidence, .change, .problem,
        .figures, .stageFigures, .regionContext,
    ]
}
