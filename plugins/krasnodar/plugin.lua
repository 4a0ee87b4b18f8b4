-- Краснодар (Краснодарский край, 23): report on the municipal roadmap of «500+» for a
-- school year, in the region's reporting form: region code and municipality on every
-- row, the form's own fill-in instructions under the header, no row numbers.
local report = karta.report

local M = {
  id = "krasnodar",
  version = "0.1.0",
  api = 1,
  name = "Краснодар — отчет о выполнении мероприятий муниципальной дорожной карты 500+",
  region = { code = 23, name = "Краснодарский край" },
  calendar = "school_year",
}

-- Roles. The document writes «МНЦ» in the responsible column and never spells it out;
-- its rows and signature name «МКУ КНМЦ», taken here to be the same body.
M.roles = {
  { id = "do", abbr = "департамент образования", name = "Департамент образования муниципального образования город Краснодар", can = { "plan", "report", "approve", "view" } },
  { id = "mnc", abbr = "МНЦ", name = "МКУ КНМЦ (муниципальный научно-методический центр)", can = { "plan", "report" } },
  { id = "curator", abbr = "кураторы ШНОР/ШССУ", name = "Кураторы школ с низкими образовательными результатами и школ, функционирующих в сложных социальных условиях", can = { "report" } },
  { id = "oo", abbr = "ОО", name = "Общеобразовательные организации", can = { "report" } },
}

-- The document is a flat list without sections.
M.stages = {}

local columns = {
  { id = "region", title = "Код региона", width = 6, align = "center", type = "number" },
  { id = "municipality", title = "Муниципалитет", width = 9 },
  { id = "title", title = "Все мероприятия, запланированные в муниципальной дорожной карте", width = 18 },
  { id = "description", title = "Краткое описание мероприятий", width = 20 },
  { id = "timing", title = "Дата проведения мероприятия", width = 10 },
  { id = "responsible", title = "Организация, ответственная за проведение мероприятия", width = 11 },
  { id = "audience", title = "Целевая аудитория мероприятия", width = 12 },
  { id = "evidence", title = "Ссылка на размещение документов, подтверждающих проведение мероприятия", width = 18 },
}

-- The form's fill-in instructions, printed by the document under the header.
local hint = {
  kind = "hint",
  cells = {
    "",
    "",
    "перечислить муниципальные мероприятия, проводимые в рамках проекта",
    "Обозначить место и формат проведения, цель и задачи проведенного мероприятия",
    "Или плановая дата мероприятия",
    "",
    "Обозначить на кого направлено данное мероприятие",
    "Приказ о проведении мероприятия, информационная справка, список участников, отчет, сценарий и др.",
  },
}

-- A row of the form for an activity of the roadmap: region code and municipality first.
local function row_of(roadmap)
  local code = tostring(roadmap.region.code)
  return function(activity)
    return {
      code,
      roadmap.municipality,
      activity.title,
      activity.description,
      activity.timing,
      activity.responsible,
      activity.audience,
      report.evidence(activity),
    }
  end
end

local function build_execution(roadmap)
  local rows = { hint }
  report.append(rows, report.rows(roadmap, M.stages, row_of(roadmap)))
  local blocks = {
    report.paragraph(roadmap.title, { align = "center", bold = true }),
    { kind = "table", columns = columns, rows = rows },
  }
  report.append(blocks, report.signatures(roadmap, "signature"))
  return { title = "Отчет о выполнении мероприятий муниципальной дорожной карты — " .. roadmap.municipality, blocks = blocks }
end

-- The region's consolidated report (karta rollup krasnodar --report execution): the same
-- form with the rows of every municipality, one after another, under one header and its
-- fill-in hints; the department signs it once, at the end.
local department = {
  kind = "signature",
  position = "Министерство образования, науки и молодежной политики Краснодарского края",
  name = "________________ / ________________",
}

local function build_region_execution(roadmaps, _, context)
  local rows = { hint }
  for _, roadmap in ipairs(roadmaps) do
    report.append(rows, report.rows(roadmap, M.stages, row_of(roadmap)))
  end
  local heading = "Отчет о выполнении мероприятий муниципальных дорожных карт на " .. context.period
    .. " учебный год по сопровождению школ с низкими образовательными результатами и/или школ, "
    .. "функционирующих в сложных социальных условиях"
  return {
    title = "Отчет о выполнении мероприятий муниципальных дорожных карт — " .. context.region.name,
    blocks = {
      report.paragraph(heading, { align = "center", bold = true }),
      report.paragraph(context.region.name .. "; по состоянию на " .. context.as_of_text, { align = "center" }),
      { kind = "table", columns = columns, rows = rows },
      department,
    },
  }
end

-- The region's summary for a coordinator's meeting (karta rollup krasnodar): a row per
-- municipality and the region's totals, as of the day given.
local function build_summary(roadmaps, figures, context)
  return {
    title = "Сводка о реализации муниципальных дорожных карт — " .. context.region.name,
    blocks = {
      report.paragraph("Сводка о реализации муниципальных дорожных карт проекта «500+»", { align = "center", bold = true }),
      report.paragraph(context.region.name .. ", " .. context.period .. " учебный год; по состоянию на " .. context.as_of_text,
                       { align = "center" }),
      karta.rollup.summary(roadmaps, figures),
    },
  }
end

M.reports = {
  { id = "execution", title = "Отчет о выполнении мероприятий муниципальной дорожной карты", orientation = "landscape", build = build_execution },
  { id = "execution", title = "Сводный отчет о выполнении мероприятий муниципальных дорожных карт", orientation = "landscape",
    scope = "region", build = build_region_execution },
  { id = "summary", title = "Сводка по муниципалитетам региона", orientation = "landscape", scope = "region", build = build_summary },
}

return M
