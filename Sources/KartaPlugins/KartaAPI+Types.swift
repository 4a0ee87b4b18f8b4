/// The `karta` table a plugin is given (Plugin.swift and the prelude, KartaAPI+Prelude.swift),
/// the sandbox's `require`, and the globals of spec files (PluginSpec+Prelude.swift), as
/// docs/plugin-authoring.md describes them. Parameter names are the functions' own.
extension LuaShape {
    /// The fields of `karta` that are values, not functions.
    static let api = LuaShape(
        name: "karta.API",
        text: LuaText("The host API: one read-only table.", "API хоста: одна таблица, только для чтения."),
        fields: [
            .required("api_version", "integer", "The host API version (plugin.lua's api must equal it).",
                      "Версия API хоста (api в plugin.lua должен быть равен ей)."),
            .required("version", "string", "Karta's version.", "Версия Karta."),
            .required("plugin_id", "string", "This plugin's id.", "Идентификатор этого плагина."),
        ])

    /// `assert` in a spec file: Lua's own, with checks added.
    static let specAssert = LuaShape(
        name: "karta.Assert",
        text: LuaText("Checks of a spec; assert(v, message) still works as Lua's.",
                      "Проверки спецификации; assert(v, message) по-прежнему работает как в Lua."),
        fields: [])

    /// `spec` in a spec file.
    static let spec = LuaShape(
        name: "karta.Spec",
        text: LuaText("What a spec file is given besides describe, it and assert.", "То, что получает файл спецификации, кроме describe, it и assert."),
        fields: [
            .required("plugin", "karta.Manifest",
                      "The table plugin.lua returned: call rules[1].check(change), a report's build, validate.",
                      "Таблица, которую вернул plugin.lua: вызывайте rules[1].check(change), build отчета, validate."),
            .required("fixture", "fun(name: string): karta.Roadmap",
                      "regions/<id>/<name>.yaml as the table a report's build receives (writable, fresh each call).",
                      "regions/<id>/<name>.yaml в виде таблицы, которую получает build отчета (изменяемая, новая при каждом вызове)."),
            .required("file", "string", "The spec file being run.", "Выполняемый файл спецификации."),
            .required("move",
                      "fun(roadmap: karta.Roadmap, key: string, move: string?, options: { as: string, fact: string?, report: string?, "
                          + "evidence: (string|string[])?, comment: string? }): boolean, string?, string?",
                      "Takes a move of the workflow on the roadmap's activity key, as karta mark does: true, the activity changed in place; or false, the message and the refusing rule's id.",
                      "Выполняет переход рабочего процесса для мероприятия key дорожной карты, как karta mark: true, и мероприятие изменено на месте; или false, сообщение и идентификатор отказавшего правила."),
        ])
}

extension LuaFunction {
    /// `karta.log(...)`.
    static let log = LuaFunction(
        path: "karta.log",
        text: LuaText(
            "Writes its arguments, tab-separated, as one line to the host's log (standard error), prefixed by the plugin id; print is the same function. At most 64 KiB a call.",
            "Пишет аргументы через табуляцию одной строкой в журнал хоста (стандартный поток ошибок) с идентификатором плагина в начале; print — та же функция. Не больше 64 КиБ за вызов."),
        parameters: [.required("...", "any", "Values to log.", "Значения для журнала.")],
        results: [])

    /// The functions of `karta.text`.
    static let text: [LuaFunction] = [
        LuaFunction(
            path: "karta.text.join",
            text: LuaText("Joins the non-empty strings of a list in index order (nil holes and \"\" skipped).",
                          "Соединяет непустые строки списка по порядку индексов (пропуски nil и \"\" опускаются)."),
            parameters: [
                .required("items", "(string|number|nil)[]", "The list.", "Список."),
                .optional("separator", "string", "Between items; default \", \".", "Между элементами; по умолчанию \", \"."),
            ],
            results: [.value("string", "The joined text.", "Соединенный текст.")]),
        LuaFunction(
            path: "karta.text.lines",
            text: LuaText("Joins the non-empty strings of a list with line breaks.", "Соединяет непустые строки списка переводами строк."),
            parameters: [.required("items", "(string|number|nil)[]", "The list.", "Список.")],
            results: [.value("string", "The lines.", "Строки.")]),
        LuaFunction(
            path: "karta.text.value",
            text: LuaText("The value as a string, \"\" for nil.", "Значение в виде строки, \"\" для nil."),
            parameters: [.required("value", "any", "Any value.", "Любое значение.")],
            results: [.value("string", "The text.", "Текст.")]),
    ]

    /// The functions of `karta.report`.
    static let report: [LuaFunction] = [
        LuaFunction(
            path: "karta.report.section_title",
            text: LuaText("A stage's heading as printed: its number and title («1. Организационные мероприятия»).",
                          "Заголовок раздела, как его печатают: номер и название («1. Организационные мероприятия»)."),
            parameters: [.required("stage", "karta.Stage", "The stage.", "Раздел.")],
            results: [.value("string", "«number title».", "«номер название».")]),
        LuaFunction(
            path: "karta.report.evidence",
            text: LuaText("The evidence as printed, «title url» per item.", "Подтверждения, как их печатают: «название ссылка» для каждого."),
            parameters: [
                .required("activity", "karta.Activity", "The activity.", "Мероприятие."),
                .optional("separator", "string", "Between items; default a line break.", "Между элементами; по умолчанию перевод строки."),
            ],
            results: [.value("string", "The evidence text.", "Текст подтверждений.")]),
        LuaFunction(
            path: "karta.report.rows",
            text: LuaText(
                "Rows of all activities in document order: a section row whenever the stage changes (and rows for enclosing stages that open); sub-activities become children.",
                "Строки всех мероприятий в порядке документа: строка раздела при каждой смене раздела (и строки открывающихся объемлющих разделов); вложенные мероприятия становятся children."),
            parameters: [
                .required("roadmap", "karta.Roadmap", "The roadmap.", "Дорожная карта."),
                .required("stages", "karta.Stage[]|nil", "The plugin's stages (M.stages).", "Разделы плагина (M.stages)."),
                .required("make_row", "fun(activity: karta.Activity, parent: karta.Activity|nil): karta.Cells|karta.Row",
                          "Returns a row's cells (or a row table); parent is set for a sub-activity.",
                          "Возвращает ячейки строки (или таблицу строки); parent задан для вложенного мероприятия."),
            ],
            results: [.value("karta.Row[]", "The rows.", "Строки.")]),
        LuaFunction(
            path: "karta.report.signatures",
            text: LuaText(
                "The roadmap's approval or signature blocks as report blocks; an approval block without a date of its own gets the recorded approval as its date line.",
                "Блоки утверждения или подписей дорожной карты в виде блоков отчета; блок утверждения без своей даты получает строкой даты записанный приказ."),
            parameters: [
                .required("roadmap", "karta.Roadmap", "The roadmap.", "Дорожная карта."),
                .required("kind", "karta.SignatureKind", "Which blocks.", "Какие блоки."),
            ],
            results: [.value("(karta.ApprovalBlock|karta.SignatureBlock)[]", "The blocks.", "Блоки.")]),
        LuaFunction(
            path: "karta.report.paragraph",
            text: LuaText("A paragraph block: { kind = \"paragraph\", text = body, …options }.",
                          "Блок абзаца: { kind = \"paragraph\", text = body, …options }."),
            parameters: [
                .required("body", "string", "The text.", "Текст."),
                .optional("options", "karta.ParagraphOptions", "Alignment and style.", "Выравнивание и начертание."),
            ],
            results: [.value("karta.ParagraphBlock", "The block.", "Блок.")]),
        LuaFunction(
            path: "karta.report.paragraphs",
            text: LuaText("One paragraph block per paragraph of body (paragraphs are separated by blank lines); {} for nil.",
                          "По блоку абзаца на каждый абзац body (абзацы разделены пустыми строками); {} для nil."),
            parameters: [
                .required("body", "string|nil", "The text.", "Текст."),
                .optional("options", "karta.ParagraphOptions", "Alignment and style of each.", "Выравнивание и начертание каждого."),
            ],
            results: [.value("karta.ParagraphBlock[]", "The blocks.", "Блоки.")]),
        LuaFunction(
            path: "karta.report.block",
            text: LuaText("The paragraphs of the roadmap's named text block (letterhead, preface, glossary, …); {} when it has none.",
                          "Абзацы именованного текстового блока дорожной карты (letterhead, preface, glossary, …); {}, если его нет."),
            parameters: [
                .required("roadmap", "karta.Roadmap", "The roadmap.", "Дорожная карта."),
                .required("name", "string", "The block's name.", "Имя блока."),
                .optional("options", "karta.ParagraphOptions", "Alignment and style of each.", "Выравнивание и начертание каждого."),
            ],
            results: [.value("karta.ParagraphBlock[]", "The blocks.", "Блоки.")]),
        LuaFunction(
            path: "karta.report.append",
            text: LuaText("Appends a list of blocks to blocks.", "Добавляет список блоков в конец blocks."),
            parameters: [
                .required("blocks", "karta.Block[]", "The list to extend.", "Дополняемый список."),
                .required("items", "karta.Block[]", "The blocks to add.", "Добавляемые блоки."),
            ],
            results: [.value("karta.Block[]", "blocks.", "blocks.")]),
    ]

    /// The functions of `karta.rollup`, for region reports.
    static let rollup: [LuaFunction] = [
        LuaFunction(
            path: "karta.rollup.share",
            text: LuaText("The share of done in planned, in percent with one decimal and a comma («42,9»); \"\" when nothing is planned.",
                          "Доля выполненного в запланированном, в процентах с одним знаком после запятой («42,9»); \"\", если ничего не запланировано."),
            parameters: [
                .required("done", "integer", "Activities done.", "Выполнено."),
                .required("planned", "integer", "Activities planned.", "Запланировано."),
            ],
            results: [.value("string", "The share as a cell of a number column.", "Доля как ячейка числового столбца.")]),
        LuaFunction(
            path: "karta.rollup.summary",
            text: LuaText(
                "The summary table of a region report: a row per municipality (planned, done, in progress, overdue, done without evidence, waiting for review when the workflow has it, the share done), sorted by the share done, the region's totals last (a total row), and a bar chart of the share done.",
                "Сводная таблица отчета по региону: строка на муниципалитет (запланировано, выполнено, в работе, просрочено, выполнено без подтверждений, ждут проверки — если в порядке работы есть проверка, доля выполненных), по убыванию доли выполненных, итог по региону последней строкой (строка итога) и столбчатая диаграмма доли выполненных."),
            parameters: [
                .required("roadmaps", "karta.Roadmap[]", "The roadmaps build received.", "Дорожные карты, которые получила build."),
                .required("figures", "karta.Figures[]", "The figures build received.", "Показатели, которые получила build."),
                .optional("options", "{ municipality_title: string?, total_title: string?, order: (\"share\"|\"given\")?, chart_title: string?, chart: boolean? }",
                          "Titles of the first column and the totals row; the order of rows (default by the share done); the chart's title, or chart = false for none.",
                          "Заголовок первого столбца и строки итога; порядок строк (по умолчанию по доле выполненных); заголовок диаграммы или chart = false без нее."),
            ],
            results: [.value("karta.TableBlock", "The table.", "Таблица.")]),
        LuaFunction(
            path: "karta.rollup.stages",
            text: LuaText("The region's progress per stage: planned, done and the share done of each stage any roadmap has activities in; nil when no activity has a stage.",
                          "Выполнение по разделам в целом по региону: запланировано, выполнено и доля выполненных для каждого раздела, в котором есть мероприятия; nil, если разделов нет."),
            parameters: [
                .required("figures", "karta.Figures[]", "The figures build received.", "Показатели, которые получила build."),
                .optional("options", "{ stages: karta.Stage[]?, stage_title: string? }", "The plugin's stages (M.stages), for order and numbers; the first column's title.",
                          "Разделы плагина (M.stages) — для порядка и номеров; заголовок первого столбца."),
            ],
            results: [.value("karta.TableBlock|nil", "The table, or nil.", "Таблица или nil.")]),
    ]

    /// The sandbox's `require`.
    static let require = LuaFunction(
        path: "require",
        text: LuaText(
            "Loads plugins/<id>/<name with dots as slashes>.lua, once; nothing outside the plugin's folder. The sandbox has base, string, table, math and utf8 only.",
            "Загружает plugins/<id>/<name, точки заменены на косые черты>.lua, один раз; ничего вне папки плагина. В песочнице есть только base, string, table, math и utf8."),
        parameters: [.required("name", "string", "The module («reports.execution»).", "Модуль («reports.execution»).")],
        results: [.value("any", "What the module returned (true for nothing).", "То, что вернул модуль (true, если ничего).")])

    /// `describe` and `it`.
    static let specGlobals: [LuaFunction] = [
        LuaFunction(
            path: "describe",
            text: LuaText("Groups it cases; the names join in a failure's line.", "Группирует проверки it; имена соединяются в строке о сбое."),
            parameters: [
                .required("name", "string", "What is described.", "Что описывается."),
                .required("fn", "fun()", "Calls it (and describe).", "Вызывает it (и describe)."),
            ],
            results: []),
        LuaFunction(
            path: "it",
            text: LuaText("One case: passes unless fn raises.", "Один случай: проходит, если fn не вызывает ошибку."),
            parameters: [
                .required("name", "string", "What should hold.", "Что должно выполняться."),
                .required("fn", "fun()", "The case.", "Проверка."),
            ],
            results: []),
    ]

    /// The checks of `assert`.
    static let specAssertions: [LuaFunction] = [
        LuaFunction(
            path: "assert.equal",
            text: LuaText("Fails unless actual == expected, tables compared by content.", "Сбой, если actual ~= expected; таблицы сравниваются по содержимому."),
            parameters: [
                .required("actual", "any", "What the code gave.", "Что дал код."),
                .required("expected", "any", "What it should give.", "Что он должен дать."),
                .optional("message", "string", "Printed before the difference.", "Печатается перед различием."),
            ],
            results: []),
        LuaFunction(
            path: "assert.truthy",
            text: LuaText("Fails unless the value is neither nil nor false.", "Сбой, если значение nil или false."),
            parameters: [
                .required("value", "any", "The value.", "Значение."),
                .optional("message", "string", "Printed on failure.", "Печатается при сбое."),
            ],
            results: []),
        LuaFunction(
            path: "assert.falsy",
            text: LuaText("Fails unless the value is nil or false.", "Сбой, если значение не nil и не false."),
            parameters: [
                .required("value", "any", "The value.", "Значение."),
                .optional("message", "string", "Printed on failure.", "Печатается при сбое."),
            ],
            results: []),
        LuaFunction(
            path: "assert.error",
            text: LuaText("Fails unless fn raises, with a message string.find-ing pattern when given.",
                          "Сбой, если fn не вызывает ошибку (а если задан pattern — ошибку с сообщением, в котором string.find его находит)."),
            parameters: [
                .required("fn", "fun()", "The code that should fail.", "Код, который должен завершиться ошибкой."),
                .optional("pattern", "string", "A Lua pattern the message must contain.", "Шаблон Lua, который должен найтись в сообщении."),
            ],
            results: []),
    ]
}
