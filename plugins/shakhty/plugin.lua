-- Шахты (Ростовская область, 61): the municipal coordinator's report on the municipal
-- roadmap of «500+», one per reporting stage of the year, on the letterhead of the city
-- education department: approval, title, preface, then the roadmap with what was done.
local report = karta.report
local text = karta.text

local M = {
  id = "shakhty",
  version = "0.1.0",
  api = 1,
  name = "Шахты — отчет муниципального координатора о реализации муниципальной дорожной карты 500+",
  region = { code = 61, name = "Ростовская область" },
  calendar = "year",
}

-- Roles as the document names them; it prints no abbreviations, so `abbr` is the word itself.
M.roles = {
  { id = "mk", abbr = "муниципальный координатор", name = "Муниципальный координатор проекта", can = { "plan", "report" } },
  { id = "curator", abbr = "кураторы", name = "Кураторы школ-участников Проекта 500+", can = { "report" } },
  { id = "tutor", abbr = "тьюторы", name = "Тьюторы", can = { "report" } },
  { id = "school_coordinator", abbr = "школьные координаторы", name = "Школьные координаторы", can = { "report" } },
  { id = "department", abbr = "Департамент образования г. Шахты", name = "Департамент образования г. Шахты", can = { "plan", "report", "approve", "view" } },
  { id = "working_group", abbr = "Рабочая группа", name = "Рабочая группа Департамента образования г.Шахты", can = { "view" } },
}

-- The four sections of the roadmap, numbered as printed.
M.stages = {
  { id = "1", number = "1.", title = "Организационное сопровождение Проекта 500+" },
  { id = "2", number = "2.", title = "Информационное сопровождение Проекта 500+" },
  { id = "3", number = "3.", title = "Методическое сопровождение Проекта 500+" },
  { id = "4", number = "4.", title = "Участие в мониторинговых исследованиях" },
}

-- The year is reported in two stages; the last column is headed by the stage's name. A report
-- built for a stage (karta report --stage, karta submit) names it; otherwise the roadmap's data does.
M.reporting = {
  { id = "1", title = "Первый этап", start = "01-01", ["end"] = "06-30" },
  { id = "2", title = "Второй этап", start = "07-01", ["end"] = "12-31" },
}

local function report_column_title(roadmap)
  local name
  if roadmap.reporting then
    name = roadmap.reporting.title
  else
    local stage = roadmap.extra.reporting_stage
    for _, period in ipairs(M.reporting) do
      if period.id == stage then name = period.title end
    end
    if name == nil then
      error("extra.reporting_stage: expected \"1\" or \"2\", found " .. text.value(stage), 0)
    end
  end
  -- The header cell prints the stage on a line of its own («Отчетная информация» / «Второй этап»).
  return "Отчетная информация\n" .. name
end

local function columns(roadmap)
  return {
    { id = "number", title = "№ п/п", width = 6, align = "center" },
    { id = "title", title = "Описание действий", width = 32 },
    { id = "timing", title = "Дата реализации", width = 11 },
    { id = "indicator", title = "Муниципальный показатель реализации", width = 23 },
    { id = "report", title = report_column_title(roadmap), width = 28 },
  }
end

-- The report cell: what was done, then the documents and links that show it.
local function row(activity)
  return {
    activity.number,
    activity.title,
    activity.timing,
    activity.indicator,
    text.lines({ activity.report, report.evidence(activity) }),
  }
end

local function build_execution(roadmap)
  local blocks = report.block(roadmap, "letterhead", { align = "center" })
  report.append(blocks, report.signatures(roadmap, "approval"))
  blocks[#blocks + 1] = report.paragraph(roadmap.title, { align = "center", bold = true })
  report.append(blocks, report.block(roadmap, "preface", { align = "justify" }))
  report.append(blocks, report.block(roadmap, "table_title", { align = "center", bold = true }))
  blocks[#blocks + 1] = { kind = "table", columns = columns(roadmap), rows = report.rows(roadmap, M.stages, row) }
  return { title = roadmap.title, blocks = blocks }
end

-- The region's summary for a coordinator's meeting (karta rollup): a row per municipality,
-- the region's totals, the progress per section, as of the day given.
local function build_summary(roadmaps, figures, context)
  local blocks = {
    report.paragraph("Сводка о реализации муниципальных дорожных карт проекта «500+»", { align = "center", bold = true }),
    report.paragraph(context.region.name .. ", " .. context.period .. " год; по состоянию на " .. context.as_of_text, { align = "center" }),
    karta.rollup.summary(roadmaps, figures),
  }
  local by_stage = karta.rollup.stages(figures, { stages = M.stages })
  if by_stage then
    report.append(blocks, { report.paragraph("Выполнение по разделам", { bold = true }), by_stage })
  end
  return { title = "Сводка о реализации муниципальных дорожных карт — " .. context.region.name, blocks = blocks }
end

M.reports = {
  { id = "execution", title = "Отчет муниципального координатора о реализации муниципальной дорожной карты", orientation = "landscape", build = build_execution },
  { id = "summary", title = "Сводка по муниципалитетам региона", orientation = "landscape", scope = "region", build = build_summary },
}

-- Reading the report back from Word or Excel (karta import): the report cell prints what was
-- done, then one line per document or link; the lines from the first link on are evidence.
M.import = {
  read = {
    report = function(cell)
      local done, evidence, links = {}, {}, false
      for line in (cell .. "\n"):gmatch("(.-)\n") do
        if line:find("https?://") then links = true end
        if links then evidence[#evidence + 1] = line else done[#done + 1] = line end
      end
      return { report = table.concat(done, "\n"), evidence = evidence }
    end,
  },
}

-- The department checks every activity: «Проведена проверка факта проведения каждого
-- мероприятия, изучены подтверждающие … документы», «внесены коррективы». Whoever carries an
-- activity out reports it with its documents (→ «на проверке»); the department accepts it
-- (→ «выполнено») or returns it with a comment (→ «на доработке»), and it is reported again.
local doers = { "mk", "curator", "tutor", "school_coordinator" }

M.workflow = {
  statuses = {
    { id = "planned", label = "запланировано", class = "not_started" },
    { id = "in_progress", label = "выполняется", class = "in_progress" },
    { id = "review", label = "на проверке", class = "in_progress" },
    { id = "returned", label = "на доработке", class = "in_progress" },
    { id = "done", label = "выполнено", class = "finished" },
    { id = "postponed", label = "перенесено", class = "postponed" },
    { id = "cancelled", label = "отменено", class = "not_done" },
  },
  transitions = {
    { id = "start", label = "начать", from = { "planned", "postponed" }, to = "in_progress", roles = doers },
    { id = "report", label = "сдать на проверку", from = { "planned", "in_progress", "returned" }, to = "review",
      roles = doers, requires = { "report", "evidence" } },
    { id = "accept", label = "принять", from = "review", to = "done", roles = { "department" },
      guards = {
        {
          id = "done-needs-evidence",
          text = "мероприятие принимается выполненным только с подтверждающими документами",
          check = function(change)
            if #change.evidence == 0 then
              return false, "«выполнено» без подтверждающих документов: приложите документ или ссылку"
            end
            return true
          end,
        },
      } },
    { id = "return", label = "вернуть на доработку", from = "review", to = "returned", roles = { "department" },
      requires = { "comment" } },
    { id = "postpone", label = "перенести", from = { "planned", "in_progress", "returned" }, to = "postponed",
      roles = { "mk", "department" }, requires = { "comment" } },
    { id = "cancel", label = "отменить", to = "cancelled", roles = { "department" }, requires = { "comment" } },
    { id = "replan", label = "вернуть в план", from = { "postponed", "cancelled" }, to = "planned", roles = { "mk", "department" } },
  },
}

return M
