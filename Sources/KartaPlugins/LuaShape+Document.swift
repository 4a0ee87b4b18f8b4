/// The report document a format's `build` returns, as docs/plugin-authoring.md describes it.
/// ``ReportDocument/decode(_:defaultTitle:orientation:)`` accepts exactly these fields.
extension LuaShape {
    /// What `build(roadmap)` returns.
    static let document = LuaShape(
        name: "karta.Document",
        text: LuaText(
            "A report document: the host checks it and renders it to every output format. A wrong document is an error keyed by path, and nothing is written.",
            "Документ отчета: хост проверяет его и выводит во все форматы. Неверный документ — ошибка с путем к полю, и ничего не записывается."),
        fields: [
            .optional("title", "string", "The document title (file properties); default: the format's title.",
                      "Заголовок документа (свойства файла); по умолчанию — название формы."),
            .optional("orientation", "karta.Orientation", "The page; default: the format's.", "Ориентация страницы; по умолчанию — как у формы."),
            .required("blocks", "karta.Block[]", "The blocks, top to bottom.", "Блоки сверху вниз."),
        ])

    /// A block of a document: its `kind` first, then `fields`.
    private static func block(_ kind: String, _ name: String, _ text: LuaText, _ fields: [Field]) -> LuaShape {
        LuaShape(name: name, text: text, fields: [.required("kind", "\"\(kind)\"", "The kind of block.", "Вид блока.")] + fields)
    }

    /// The value of `kind` that selects this block shape (`heading`); nil for other shapes.
    var blockKind: String? {
        guard let kind = fields.first, kind.name == "kind", kind.type.hasPrefix("\"") else { return nil }
        return String(kind.type.dropFirst().dropLast())
    }

    /// `{ kind = "heading", text = "…", level = 1 }`.
    static let headingBlock = block("heading", "karta.HeadingBlock", LuaText("A heading.", "Заголовок."), [
        .required("text", "string", "The heading's text.", "Текст заголовка."),
        .optional("level", "integer", "1 to 6 (default 1).", "От 1 до 6 (по умолчанию 1)."),
    ])

    /// `{ kind = "paragraph", text = "…", align = "center", bold = true, italic = false }`.
    static let paragraphBlock = block("paragraph", "karta.ParagraphBlock", LuaText("A paragraph.", "Абзац."), [
        .required("text", "string", "The text; line breaks kept.", "Текст; переводы строк сохраняются."),
        .optional("align", "karta.Alignment", "Alignment (default left).", "Выравнивание (по умолчанию left)."),
        .optional("bold", "boolean", "Bold.", "Полужирный."),
        .optional("italic", "boolean", "Italic.", "Курсив."),
    ])

    /// The fields of a signature line, approval or signature.
    private static let signatureFields: [Field] = [
        .optional("label", "string", "The word printed first («УТВЕРЖДАЮ», «Согласовано:»).", "Слово, которое печатается первым («УТВЕРЖДАЮ», «Согласовано:»)."),
        .required("position", "string", "Position and organisation as printed, line breaks kept.",
                  "Должность и организация, как напечатано, с переводами строк."),
        .required("name", "string", "The name as printed («В.А. Ткаченко»).", "Имя, как напечатано («В.А. Ткаченко»)."),
        .optional("date", "string", "A date line under the name.", "Строка с датой под именем."),
    ]

    /// `{ kind = "approval", label = "УТВЕРЖДАЮ", position = "…", name = "…", date = nil }`.
    static let approvalBlock = block("approval", "karta.ApprovalBlock",
                                     LuaText("The approval («УТВЕРЖДАЮ»), right-aligned above the title.",
                                             "Гриф утверждения («УТВЕРЖДАЮ») справа над заголовком."),
                                     signatureFields)

    /// `{ kind = "signature", label = "Согласовано:", position = "…", name = "…" }`.
    static let signatureBlock = block("signature", "karta.SignatureBlock",
                                      LuaText("A signature line: the position on the left, the name on the right.",
                                              "Строка подписи: должность слева, имя справа."),
                                      signatureFields)

    /// `{ kind = "table", columns = { … }, rows = { … } }`.
    static let tableBlock = block("table", "karta.TableBlock",
                                  LuaText("A table: at most 200 columns, and at most 200,000 cells in the document.",
                                          "Таблица: не больше 200 столбцов и не больше 200 000 ячеек во всем документе."), [
        .required("columns", "karta.Column[]", "The columns; at least one.", "Столбцы; хотя бы один."),
        .required("rows", "(karta.Cells|karta.Row)[]", "The rows: lists of cell texts or row tables.",
                  "Строки: списки текстов ячеек или таблицы строк."),
        .optional("chart", "karta.Chart", "A bar chart of one of the columns, drawn after the table in HTML and XLSX.",
                  "Столбчатая диаграмма по одному из столбцов, после таблицы в HTML и XLSX."),
    ])

    /// `{ title = "Доля выполненных мероприятий", category = "municipality", value = "share", unit = "%", max = 100 }`.
    static let chart = LuaShape(
        name: "karta.Chart",
        text: LuaText(
            "A horizontal bar chart of the table: one bar per data row in table order (section, hint and total rows, and rows whose value is not a number, are left out).",
            "Горизонтальная столбчатая диаграмма таблицы: по полосе на строку данных в порядке таблицы (строки разделов, указаний и итогов и строки, где значение не число, не показываются)."),
        fields: [
            .required("title", "string", "The chart's title, printed above it.", "Заголовок диаграммы, печатается над ней."),
            .required("category", "string", "The id of the column that labels the bars (the municipality).",
                      "Id столбца с подписями полос (муниципалитет)."),
            .required("value", "string", "The id of a column of type number: the bars' lengths.",
                      "Id столбца типа number: длины полос."),
            .optional("unit", "string", "Printed after each value (\"%\").", "Печатается после каждого значения («%»)."),
            .optional("max", "number", "The end of the value axis (100 for per cent); default: fits the longest bar.",
                      "Конец оси значений (100 для процентов); по умолчанию — по самой длинной полосе."),
        ])

    /// `{ id = "timing", title = "Дата проведения", width = 11, align = "left", type = "text" }`.
    static let column = LuaShape(
        name: "karta.Column",
        text: LuaText("A column of a table.", "Столбец таблицы."),
        fields: [
            .required("id", "string", "Unique in the table; the field its cells show, for karta import.",
                      "Не повторяется в таблице; поле, которое показывают его ячейки, — для karta import."),
            .required("title", "string", "Printed verbatim in the header row, line breaks kept.",
                      "Печатается в строке заголовка как есть, с переводами строк."),
            .optional("width", "number", "Relative width, 0.1 to 1000 (default 1).", "Относительная ширина, от 0.1 до 1000 (по умолчанию 1)."),
            .optional("align", "karta.Alignment", "Alignment of the cells (default left).", "Выравнивание ячеек (по умолчанию left)."),
            .optional("type", "karta.ColumnType", "What spreadsheets store the cells as (default text).",
                      "Как электронные таблицы хранят ячейки (по умолчанию text)."),
        ])

    /// `{ kind = "section", cells = { "1. Организационные мероприятия" } }`.
    static let row = LuaShape(
        name: "karta.Row",
        text: LuaText("A row as a table, when a list of cells is not enough.", "Строка в виде таблицы, когда списка ячеек недостаточно."),
        fields: [
            .optional("kind", "karta.RowKind", "What the row is (default data).", "Что это за строка (по умолчанию data)."),
            .required("cells", "karta.Cells", "The cells: one per column (a section row has one).",
                      "Ячейки: по одной на столбец (у строки раздела — одна)."),
            .optional("children", "(karta.Cells|karta.Row)[]", "Sub-rows printed right under the row.", "Подстроки, печатаются сразу под строкой."),
        ])

    /// The options `karta.report.paragraph(text, options)` copies into the paragraph block.
    static let paragraphOptions = LuaShape(
        name: "karta.ParagraphOptions",
        text: LuaText("The fields of a paragraph block besides its kind and text.", "Поля блока абзаца, кроме вида и текста."),
        fields: paragraphBlock.fields.filter { $0.name != "kind" && $0.name != "text" }.map { field in
            var optional = field
            optional.required = false
            return optional
        })

    /// Every block a document may hold, in the order of the generated file.
    static let blockShapes: [LuaShape] = [.headingBlock, .paragraphBlock, .approvalBlock, .signatureBlock, .tableBlock]

    /// Every shape of a report document, in the order of the generated file.
    static let documentShapes: [LuaShape] = [.document] + blockShapes + [.column, .row, .chart, .paragraphOptions]
}
