-- Псков (Псковская область, 60): execution report on the municipal roadmap of «500+»,
-- as annex 2 to the order of the city education office prints it.
local report = karta.report
local text = karta.text

local M = {
  id = "pskov",
  version = "0.1.0",
  api = 1,
  name = "Псков — отчет по реализации муниципальной дорожной карты 500+",
  region = { code = 60, name = "Псковская область" },
  calendar = "year",
}

-- Roles as the document introduces them («(далее УО)», «(далее- РК, МК)», «(далее - ОО)»).
M.roles = {
  { id = "uo", abbr = "УО", name = "Управление образования Администрации города Пскова", can = { "plan", "report", "approve" } },
  { id = "rk", abbr = "РК", name = "Региональный координатор", can = { "plan", "report", "approve", "view" } },
  { id = "mk", abbr = "МК", name = "Муниципальный координатор", can = { "plan", "report" } },
  { id = "kopo", abbr = "КОПО", name = "Комитет по образованию Псковской области", can = { "approve", "view" } },
  { id = "poipkro", abbr = "ГБОУ ДПО ПОИПКРО", name = "Псковский областной институт повышения квалификации работников образования", can = { "report" } },
  { id = "curator", abbr = "кураторы", name = "Кураторы школ — участниц проекта", can = { "report" } },
  { id = "oo", abbr = "ОО", name = "Образовательные организации", can = { "report" } },
}

-- The document is a flat numbered list: no sections.
M.stages = {}

local columns = {
  { id = "number", title = "№", width = 4, align = "center" },
  { id = "title", title = "Мероприятия, запланирован-ные в муниципальной дорожной карте", width = 22 },
  { id = "description", title = "Краткое описание мероприятия\n(цель, результат, место проведения, формат, показатели)", width = 24 },
  { id = "timing", title = "Дата проведения\n(план/факт", width = 11 },
  { id = "responsible", title = "Ответственные", width = 12 },
  { id = "audience", title = "Целевая аудито-рия", width = 12 },
  { id = "evidence", title = "Ссылка на размещение документов, подтверждающих проведение мероприятия", width = 15 },
}

local function row(activity)
  return {
    activity.number,
    activity.title,
    activity.description,
    text.join({ activity.timing, activity.fact }, " / "),
    activity.responsible,
    activity.audience,
    report.evidence(activity),
  }
end

local function build_execution(roadmap)
  local blocks = {
    report.paragraph(roadmap.title, { align = "center", bold = true }),
  }
  if roadmap.subtitle then
    blocks[#blocks + 1] = report.paragraph(roadmap.subtitle, { align = "center" })
  end
  blocks[#blocks + 1] = { kind = "table", columns = columns, rows = report.rows(roadmap, M.stages, row) }
  report.append(blocks, report.signatures(roadmap, "signature"))
  return { title = "Отчет по реализации плана-графика мероприятий — " .. roadmap.municipality, blocks = blocks }
end

-- The region's summary for a coordinator's meeting (karta rollup): a row per municipality,
-- the region's totals, as of the day given.
local function build_summary(roadmaps, figures, context)
  local blocks = {
    report.paragraph("Сводка о реализации муниципальных дорожных карт проекта «500+»", { align = "center", bold = true }),
    report.paragraph(context.region.name .. ", " .. context.period .. " год; по состоянию на " .. context.as_of_text, { align = "center" }),
    karta.rollup.summary(roadmaps, figures),
  }
  return { title = "Сводка о реализации муниципальных дорожных карт — " .. context.region.name, blocks = blocks }
end

M.reports = {
  { id = "execution", title = "Отчет по реализации плана-графика мероприятий", orientation = "landscape", build = build_execution },
  { id = "summary", title = "Сводка по муниципалитетам региона", orientation = "landscape", scope = "region", build = build_summary },
}

-- Reading the report back from Word or Excel (karta import): the «Дата проведения (план/факт»
-- cell holds the planned date and, after « / », the date it was held.
M.import = {
  read = {
    timing = function(cell)
      local plan, fact = cell:match("^(.-) / (.+)$")
      if plan then return { timing = plan, fact = fact } end
      return { timing = cell }
    end,
  },
}

-- The execution report prints «Дата проведения (план/факт»: an activity is done only
-- with the date it was held.
M.rules = {
  {
    id = "done-needs-fact-date",
    text = "мероприятие отмечается выполненным только с фактической датой проведения",
    check = function(change)
      if change.to == "done" and (change.fact == nil or change.fact == "") then
        return false, "«выполнено» без фактической даты проведения: укажите дату факта (ДД.ММ.ГГГГ)"
      end
      return true
    end,
  },
}

return M
