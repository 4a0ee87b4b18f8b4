-- Санкт-Петербург (78), Василеостровский район: the district administration's order
-- («ПОРУЧЕНИЕ») with the plan-schedule («дорожная карта») of «500+» attached, and the
-- year-end report on the same plan.
local report = karta.report

local M = {
  id = "spb",
  version = "0.1.0",
  api = 1,
  name = "Санкт-Петербург — план-график («дорожная карта») 500+ районов",
  region = { code = 78, name = "Санкт-Петербург" },
  calendar = "year",
}

-- Roles as the glossary spells them («АР-администрация района», «ИМЦ - …», «ОО – …»),
-- and the two the order and the plan name without an abbreviation.
M.roles = {
  { id = "ar", abbr = "АР", name = "администрация района", can = { "plan", "report", "approve", "view" } },
  { id = "imc", abbr = "ИМЦ", name = "ГБУ ДППО ЦПКС «Информационно-методический центр» Василеостровского района", can = { "plan", "report", "view" } },
  { id = "oo", abbr = "ОО", name = "образовательные организации", can = { "report" } },
  { id = "coordinator", abbr = "районный координатор", name = "Районный координатор проекта – руководитель центра оценки качества образования ГБУ ДППО ЦПКС «Информационно-методический центр» Василеостровского района", can = { "report", "view" } },
  { id = "curator", abbr = "кураторы", name = "Кураторы проекта «500+»", can = { "report" } },
}

-- Sections of the plan, numbered as printed: «1.» for a section, «2.1» for a sub-section.
M.stages = {
  { id = "1", number = "1.", title = "Организационные мероприятия" },
  { id = "2", number = "2.", title = "Методическое сопровождение" },
  { id = "2.1", number = "2.1", parent = "2", title = "Разработка региональных показателей и критериев для проведения мониторингов и диагностики" },
  { id = "2.2", number = "2.2", parent = "2", title = "Обобщение и анализ опыта работы с образовательными организациями, имеющими низкие образовательные результаты обучающихся" },
  { id = "2.3", number = "2.3", parent = "2", title = "Семинары и иные мероприятия для участников образовательных отношений образовательных организаций, имеющих низкие образовательные результаты обучающихся" },
  { id = "3", number = "3.", title = "Мониторинг" },
  { id = "4", number = "4.", title = "Информационно-аналитическое обеспечение проекта" },
  { id = "5", number = "5.", title = "Меры и управленческие решения, направленные на совершенствование системы работы со школами, имеющими низкие образовательные результаты обучающихся" },
}

-- The plan's table, columns as printed.
local plan_columns = {
  { id = "number", title = "№ п/п", width = 6, align = "center" },
  { id = "title", title = "Мероприятия", width = 50 },
  { id = "responsible", title = "Ответственные исполнители", width = 16 },
  { id = "level", title = "Уровень проекта", width = 10, align = "center" },
  { id = "timing", title = "Сроки", width = 14 },
}

-- The execution report adds what was done to the plan's columns.
local execution_columns = {
  { id = "number", title = "№ п/п", width = 5, align = "center" },
  { id = "title", title = "Мероприятия", width = 30 },
  { id = "responsible", title = "Ответственные исполнители", width = 10 },
  { id = "level", title = "Уровень проекта", width = 7, align = "center" },
  { id = "timing", title = "Сроки", width = 9 },
  { id = "status", title = "Статус", width = 8 },
  { id = "fact", title = "Дата выполнения", width = 8, type = "date" },
  { id = "report", title = "Отчетная информация", width = 25 },
  { id = "evidence", title = "Подтверждающие документы", width = 18 },
}

-- The order the plan is attached to, block by block, top to bottom: name and alignment.
local order_layout = {
  { "letterhead", "center" },
  { "order_number", "left" },
  { "addressees", "right" },
  { "order_title", "left" },
  { "order", "justify" },
}

local PLAN = "План-график («дорожная карта») "
local EXECUTION = "Отчет о выполнении плана-графика («дорожной карты») "

local function plan_cells(activity)
  return { activity.number, activity.title, activity.responsible, activity.level, activity.timing }
end

local function execution_cells(activity)
  local cells = plan_cells(activity)
  cells[6] = activity.status_text
  cells[7] = activity.fact
  cells[8] = activity.report
  cells[9] = report.evidence(activity)
  return cells
end

-- The order's blocks as paragraphs; the title line «ПОРУЧЕНИЕ» is printed bold and centred.
local function order_blocks(roadmap)
  local blocks = {}
  for _, entry in ipairs(order_layout) do
    local name, align = entry[1], entry[2]
    local paragraphs = report.block(roadmap, name, { align = align })
    if name == "order_title" and paragraphs[1] then
      paragraphs[1].align, paragraphs[1].bold = "center", true
    end
    report.append(blocks, paragraphs)
  end
  return blocks
end

-- Title, goal line, table and glossary: the plan-schedule and its report share them.
local function schedule(roadmap, title, columns, make_row)
  local blocks = { report.paragraph(title, { align = "center", bold = true }) }
  if roadmap.goal then
    blocks[#blocks + 1] = report.paragraph("Цель: " .. roadmap.goal, { align = "justify" })
  end
  blocks[#blocks + 1] = { kind = "table", columns = columns, rows = report.rows(roadmap, M.stages, make_row) }
  return report.append(blocks, report.block(roadmap, "glossary"))
end

-- «План-график («дорожная карта») реализации …» → «Отчет о выполнении плана-графика («дорожной карты») реализации …».
local function execution_title(roadmap)
  if roadmap.title:sub(1, #PLAN) == PLAN then
    return EXECUTION .. roadmap.title:sub(#PLAN + 1)
  end
  return EXECUTION .. "«" .. roadmap.title .. "» в " .. roadmap.year .. " году"
end

local function build_plan(roadmap)
  local blocks = order_blocks(roadmap)
  report.append(blocks, report.signatures(roadmap, "signature"))
  report.append(blocks, schedule(roadmap, roadmap.title, plan_columns, plan_cells))
  return { title = roadmap.title, blocks = blocks }
end

local function build_execution(roadmap)
  local title = execution_title(roadmap)
  return { title = title, blocks = schedule(roadmap, title, execution_columns, execution_cells) }
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
  { id = "plan", title = "Поручение и план-график («дорожная карта»)", orientation = "portrait", build = build_plan },
  { id = "execution", title = "Отчет о выполнении плана-графика («дорожной карты»)", orientation = "landscape", build = build_execution },
  { id = "summary", title = "Сводка по муниципалитетам региона", orientation = "landscape", scope = "region", build = build_summary },
}

-- The plan-schedule prints the project level of every activity: federal (ФП), regional (РП),
-- or both («ФП, РП»).
local function sound_level(level)
  if level == nil then return false end
  for part in string.gmatch(level, "[^,]+") do
    part = part:match("^%s*(.-)%s*$")
    if part ~= "ФП" and part ~= "РП" then return false end
  end
  return true
end

function M.validate(roadmap)
  local problems = {}
  local function visit(activities)
    for _, activity in ipairs(activities) do
      if not sound_level(activity.level) then
        problems[#problems + 1] = {
          key = activity.key, field = "level",
          message = "уровень проекта: укажите ФП (федеральный) или РП (региональный), указано: " .. (activity.level or "ничего"),
        }
      end
      visit(activity.activities)
    end
  end
  visit(roadmap.activities)
  return problems
end

return M
