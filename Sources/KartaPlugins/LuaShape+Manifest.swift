/// What `plugin.lua` returns and everything in it, as docs/plugin-authoring.md describes it.
/// ``PluginManifest/decode(_:folder:)`` accepts exactly these fields.
extension LuaShape {
    /// The table `plugin.lua` returns.
    static let manifest = LuaShape(
        name: "karta.Manifest",
        text: LuaText(
            "What plugin.lua returns: the region's declarations, checked by the host before any of its functions runs. Unknown fields are errors (they are usually typos).",
            "То, что возвращает plugin.lua: описание региона, которое хост проверяет до вызова любой его функции. Неизвестные поля — ошибка (обычно это опечатка)."),
        fields: [
            .required("id", "string", "Equals the folder name.", "Совпадает с именем папки плагина."),
            .required("version", "string", "The plugin's version.", "Версия плагина."),
            .required("api", "integer", "Host API version it was written for; must equal karta.api_version.",
                      "Версия API хоста, для которой написан плагин; должна совпадать с karta.api_version."),
            .optional("name", "string", "A human name.", "Название плагина для людей."),
            .required("region", "karta.Region", "The region.", "Регион."),
            .optional("calendar", "karta.Calendar", "How periods run (default year).", "Как идут периоды (по умолчанию year)."),
            .required("roles", "karta.Role[]", "Roles with abbreviations as the documents print them.",
                      "Роли с сокращениями, как их печатают документы."),
            .optional("stages", "karta.Stage[]", "Sections, sub-sections or phases.", "Разделы, подразделы или этапы."),
            .required("reports", "karta.ReportFormat[]", "Report formats; at least one.", "Формы отчетов; хотя бы одна."),
            .optional("rules", "karta.Rule[]", "The region's rules for recording execution, run on every change.",
                      "Правила региона для записи выполнения; проверяются при каждом изменении."),
            .optional("schedules", "table<string, karta.ScheduleReading>",
                      "Timing phrases of the region's own: phrase → reading, matched before the built-in vocabulary.",
                      "Собственные формулировки сроков региона: фраза → прочтение; сверяются раньше встроенного словаря."),
            .optional("school_calendar", "karta.SchoolCalendar",
                      "The days of the school year's landmarks and quarters that timing phrases name; default: a typical Russian school year.",
                      "Дни вех учебного года и четвертей, которые называют сроки; по умолчанию — типичный российский учебный год."),
            .optional("workflow", "karta.Workflow", "The region's statuses and the moves between them; default: the standard workflow.",
                      "Статусы региона и переходы между ними; по умолчанию — стандартный порядок работы."),
            .optional("reporting", "karta.ReportingStage[]", "The stages a year is reported in; default: the whole period.",
                      "Этапы, по которым отчитываются за год; по умолчанию — весь период."),
            .optional("validate", "fun(roadmap: karta.Roadmap): karta.Problem[]|nil",
                      "The region's own checks of a roadmap at import: a list of problems, or nil.",
                      "Собственные проверки дорожной карты при импорте: список замечаний или nil."),
            .optional("import", "karta.Import", "How the region's Word and Excel roadmaps are read back.",
                      "Как читать дорожные карты региона из Word и Excel."),
        ])

    /// `region = { code = 60, name = "Псковская область" }`.
    static let region = LuaShape(
        name: "karta.Region",
        text: LuaText("The region a plugin serves.", "Регион, для которого написан плагин."),
        fields: [
            .required("code", "integer", "The region's code, 1–999 (60).", "Код региона, от 1 до 999 (60)."),
            .required("name", "string", "The region's name as documents print it.", "Название региона, как его печатают документы."),
        ])

    /// `{ id = "mk", abbr = "МК", name = "Муниципальный координатор", can = { "plan", "report" } }`.
    static let role = LuaShape(
        name: "karta.Role",
        text: LuaText(
            "A role of the region, with its abbreviation as the documents print it. Roadmap files name roles by id.",
            "Роль региона с сокращением, как его печатают документы. Файлы дорожных карт называют роли по id."),
        fields: [
            .required("id", "string", "1–64 of a-z, 0-9, _; unique.", "От 1 до 64 символов a-z, 0-9, _; не повторяется."),
            .required("abbr", "string", "The abbreviation as printed («МК»).", "Сокращение, как его печатают («МК»)."),
            .required("name", "string", "The full name.", "Полное название."),
            .optional("can", "karta.Permission[]", "What the role may do; in a declared workflow, the transitions' roles decide.",
                      "Что роли разрешено; в объявленном порядке работы решают списки ролей переходов."),
        ])

    /// `{ id = "2.1", number = "2.1", title = "…", parent = "2" }`.
    static let stage = LuaShape(
        name: "karta.Stage",
        text: LuaText("A section, sub-section or phase of the roadmap; activities name their stage by id.",
                      "Раздел, подраздел или этап дорожной карты; мероприятия ссылаются на него по id."),
        fields: [
            .required("id", "string", "Unique; what activities name.", "Не повторяется; на него ссылаются мероприятия."),
            .optional("number", "string", "Printed before the title in section rows («1.» or «2.1»).",
                      "Печатается перед названием в строках раздела («1.» или «2.1»)."),
            .required("title", "string", "The title as the document prints it.", "Название, как его печатает документ."),
            .optional("parent", "string", "The id of the enclosing stage, declared earlier.", "id объемлющего раздела, объявленного раньше."),
        ])

    /// `{ id = "execution", title = "…", orientation = "landscape", build = function(roadmap) … end }`.
    static let reportFormat = LuaShape(
        name: "karta.ReportFormat",
        text: LuaText("A report format: build receives the roadmap (a region report: every roadmap of the region and the host's figures) and returns a report document.",
                      "Форма отчета: build получает дорожную карту (отчет по региону — все дорожные карты региона и показатели хоста) и возвращает документ отчета."),
        fields: [
            .required("id", "string", "Used on the command line and in file names (a-z, 0-9, _ and -).",
                      "Используется в командной строке и в именах файлов (a-z, 0-9, _ и -)."),
            .required("title", "string", "The title shown in listings and, by default, the document's.",
                      "Название в списках и, по умолчанию, у документа."),
            .optional("orientation", "karta.Orientation", "The page (default portrait).", "Ориентация страницы (по умолчанию portrait)."),
            .optional("scope", "karta.ReportScope", "What the report is built over (default roadmap); region: karta rollup.",
                      "По чему строится отчет (по умолчанию roadmap); region — karta rollup."),
            .required("build", "(fun(roadmap: karta.Roadmap): karta.Document)|(fun(roadmaps: karta.Roadmap[], figures: karta.Figures[], context: karta.RegionContext): karta.Document)",
                      "Builds the document; the host checks what it returns. A region report's build receives the region's roadmaps, the host's figures of each (figures[i] belongs to roadmaps[i]) and the context.",
                      "Строит документ; хост проверяет то, что она вернула. build отчета по региону получает дорожные карты региона, показатели хоста по каждой (figures[i] относится к roadmaps[i]) и контекст."),
        ])

    /// `{ id = "done-needs-fact-date", text = "…", check = function(change, activity, roadmap) … end }`.
    static let rule = LuaShape(
        name: "karta.Rule",
        text: LuaText(
            "A region rule or a transition's guard: check returns true or nil to accept, false (with an optional message) or a message to refuse.",
            "Правило региона или условие перехода: check возвращает true или nil, чтобы принять, и false (можно с сообщением) или строку, чтобы отказать."),
        fields: [
            .required("id", "string", "Printed in the refusal.", "Печатается в отказе."),
            .required("text", "string", "What the rule demands, in the region's words; the refusal when check gives no message.",
                      "Что требует правило, словами региона; текст отказа, когда check не дал сообщения."),
            .required("check", "fun(change: karta.Change, activity: karta.Activity, roadmap: karta.Roadmap): boolean|string|nil, string?",
                      "Runs inside the write transaction, before anything is stored.", "Выполняется внутри записи, до того как что-либо сохранено."),
        ])

    /// `schedules = { ["к дню учителя"] = { kind = "deadline", ["end"] = "2021-10-05" } }`.
    static let scheduleReading = LuaShape(
        name: "karta.ScheduleReading",
        text: LuaText("How a timing phrase of the region's own is read.", "Как читать собственную формулировку срока региона."),
        fields: [
            .required("kind", "karta.ScheduleKind", "What the phrase says.", "Что означает фраза."),
            .optional("start", "string", "The first day, YYYY-MM-DD.", "Первый день, ГГГГ-ММ-ДД."),
            .optional("end", "string", "The last day, YYYY-MM-DD (write [\"end\"]: end is a Lua keyword).",
                      "Последний день, ГГГГ-ММ-ДД (пишите [\"end\"]: end — ключевое слово Lua)."),
            .optional("recurrence", "string", "How often, in words («school holidays»).", "Как часто, словами («school holidays»)."),
        ])

    /// `school_calendar = { autumn_holidays = { "10-26", "11-03" }, quarters = { { "09-01", "10-25" }, … } }`.
    static let schoolCalendar = LuaShape(
        name: "karta.SchoolCalendar",
        text: LuaText(
            "The region's school year, the same every year: each landmark and quarter as { first, last } days MM-DD; a key left out keeps the default's days.",
            "Учебный год региона, одинаковый из года в год: каждая веха и четверть — { первый, последний } день ММ-ДД; пропущенный ключ сохраняет дни по умолчанию."),
        fields: [
            .optional("year_start", "string[]", "Days of «начало учебного года»: { first, last }, MM-DD.", "Дни: «начало учебного года»; { первый, последний }, ММ-ДД."),
            .optional("year_end", "string[]", "Days of «конец учебного года»: { first, last }, MM-DD.", "Дни: «конец учебного года»; { первый, последний }, ММ-ДД."),
            .optional("autumn_holidays", "string[]", "Days of «осенние каникулы»: { first, last }, MM-DD.", "Дни: «осенние каникулы»; { первый, последний }, ММ-ДД."),
            .optional("winter_holidays", "string[]", "Days of «зимние каникулы», which may run over the new year: { first, last }, MM-DD.", "Дни: «зимние каникулы», могут переходить через Новый год; { первый, последний }, ММ-ДД."),
            .optional("spring_holidays", "string[]", "Days of «весенние каникулы»: { first, last }, MM-DD.", "Дни: «весенние каникулы»; { первый, последний }, ММ-ДД."),
            .optional("summer_holidays", "string[]", "Days of «летние каникулы»: { first, last }, MM-DD.", "Дни: «летние каникулы»; { первый, последний }, ММ-ДД."),
            .optional("quarters", "string[][]", "The four quarters in order, each { first, last }, MM-DD; «2 четверть» reads as its days.",
                      "Четыре четверти по порядку, каждая { первый, последний }, ММ-ДД; «2 четверть» читается как ее дни."),
        ])

    /// `workflow = { statuses = …, transitions = … }`.
    static let workflow = LuaShape(
        name: "karta.Workflow",
        text: LuaText("The region's statuses and the transitions between them.", "Статусы региона и переходы между ними."),
        fields: [
            .required("statuses", "karta.Status[]", "Every status an activity may have; planned among them.",
                      "Все статусы, которые может иметь мероприятие; среди них planned."),
            .required("transitions", "karta.Transition[]", "The moves between statuses.", "Переходы между статусами."),
        ])

    /// `{ id = "review", label = "на проверке", class = "in_progress" }`.
    static let status = LuaShape(
        name: "karta.Status",
        text: LuaText("A status of the region's workflow.", "Статус в порядке работы региона."),
        fields: [
            .required("id", "string", "a-z, 0-9, _; stored, typed on the command line, given in data files.",
                      "a-z, 0-9, _; хранится в базе, набирается в командной строке, указывается в файлах данных."),
            .required("label", "string", "The status as the region prints it («на проверке»).", "Статус, как его печатает регион («на проверке»)."),
            .required("class", "karta.StatusClass", "What the status means to the host: progress and overdue work are computed from it.",
                      "Что статус значит для хоста: по нему считаются выполнение и просрочка."),
        ])

    /// `{ id = "accept", label = "принять", from = "review", to = "done", roles = { "department" } }`.
    static let transition = LuaShape(
        name: "karta.Transition",
        text: LuaText("A move of the workflow from some statuses to one status.", "Переход порядка работы из одних статусов в один статус."),
        fields: [
            .required("id", "string", "a-z, 0-9, _; typed on the command line and recorded in the history.",
                      "a-z, 0-9, _; набирается в командной строке и записывается в историю."),
            .required("label", "string", "The move in the region's words («принять»).", "Переход словами региона («принять»)."),
            .optional("from", "string|string[]", "The statuses the move may start from; left out: any status but to.",
                      "Статусы, из которых возможен переход; если не указаны — любой, кроме to."),
            .required("to", "string", "The status the move leads to.", "Статус, в который ведет переход."),
            .required("roles", "string[]", "Role ids that may take the move; at least one.", "id ролей, которые могут выполнить переход; хотя бы одна."),
            .optional("requires", "karta.Requirement[]", "What must be filled for the move.", "Что должно быть заполнено для перехода."),
            .optional("guards", "karta.Rule[]", "Lua checks of this move, run in order before it is taken.",
                      "Проверки этого перехода на Lua, выполняются по порядку до него."),
            .optional("due", "boolean",
                      "Whether an activity waits for the move's roles (karta due); default true when to's class is in_progress or finished.",
                      "Ждет ли мероприятие ролей перехода (karta due); по умолчанию true, если класс статуса to — in_progress или finished."),
        ])

    /// `reporting = { { id = "1", title = "Первый этап", start = "01-01", ["end"] = "06-30" } }`.
    static let reportingStage = LuaShape(
        name: "karta.ReportingStage",
        text: LuaText("A stage the region reports its year in; the days apply to every roadmap of the region.",
                      "Этап, по которому регион отчитывается за год; дни относятся к каждой дорожной карте региона."),
        fields: [
            .required("id", "string", "Unique; typed as --stage.", "Не повторяется; указывается как --stage."),
            .required("title", "string", "As the region prints it.", "Как его печатает регион."),
            .required("start", "string", "The first day, MM-DD.", "Первый день, ММ-ДД."),
            .required("end", "string", "The last day, MM-DD (write [\"end\"]: end is a Lua keyword).",
                      "Последний день, ММ-ДД (пишите [\"end\"]: end — ключевое слово Lua)."),
        ])

    /// `import = { columns = { ["Сроки исполнения"] = "timing" }, read = { timing = function(cell) … end } }`.
    static let importing = LuaShape(
        name: "karta.Import",
        text: LuaText("How the region's Word and Excel roadmaps are read back, beyond what its report columns say.",
                      "Как читать дорожные карты региона из Word и Excel сверх того, что говорят столбцы его отчетов."),
        fields: [
            .optional("columns", "table<string, string>",
                      "Header titles that differ from the reports' → the field their cells fill, extra.<name> or skip.",
                      "Заголовки, отличные от заголовков отчетов → поле, которое заполняют их ячейки, extra.<имя> или skip."),
            .optional("read", "table<string, fun(cell: string): table<string, string|string[]>>",
                      "A column (by id) whose cell prints more than one field → a function returning the fields.",
                      "Столбец (по id), ячейка которого содержит несколько полей → функция, возвращающая эти поля."),
        ])

    /// Every shape `plugin.lua` declares, in the order of the generated file.
    static let manifestShapes: [LuaShape] = [
        .manifest, .region, .role, .stage, .reportFormat, .rule, .scheduleReading, .schoolCalendar, .workflow, .status, .transition,
        .reportingStage, .importing,
    ]
}
