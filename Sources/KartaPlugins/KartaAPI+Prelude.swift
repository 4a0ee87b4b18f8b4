/// The Lua half of the `karta` API: helpers every region needs, so that a region plugin
/// reads as the list of what makes it different. Runs, trusted, before `plugin.lua`, in
/// the plugin's own sandboxed state. Documented in docs/plugin-authoring.md.
let kartaPrelude = #"""
local karta, load_module = ...
_G.karta = karta

-- require: modules from the plugin's own folder only, text chunks only, cached.
local loaded = {}
function require(name)
  if type(name) ~= "string" then
    error("require: module name must be a string, got " .. type(name), 2)
  end
  local cached = loaded[name]
  if cached ~= nil then return cached end
  local ok, chunk = pcall(load_module, name)
  if not ok then error((tostring(chunk):gsub("^karta/prelude%.lua:%d+: ", "")), 2) end
  local result = chunk(name)
  if result == nil then result = true end
  loaded[name] = result
  return result
end

local text = {}
karta.text = text

--- Joins the non-empty strings of a list (nil and "" are skipped, holes included).
function text.join(items, separator)
  local last = 0
  for key in pairs(items) do
    if math.type(key) == "integer" and key > last then last = key end
  end
  local out = {}
  for i = 1, last do
    local value = items[i]
    if value ~= nil and value ~= "" then out[#out + 1] = tostring(value) end
  end
  return table.concat(out, separator or ", ")
end

--- Joins non-empty strings with line breaks.
function text.lines(items)
  return text.join(items, "\n")
end

--- The value, or "" when it is nil.
function text.value(value)
  if value == nil then return "" end
  return tostring(value)
end

local report = {}
karta.report = report

--- A stage's heading as printed: its number and title («1. Организационные мероприятия»).
function report.section_title(stage)
  return text.join({ stage.number, stage.title }, " ")
end

--- Evidence items as printed, one per line: «title url».
function report.evidence(activity, separator)
  local parts = {}
  for _, item in ipairs(activity.evidence or {}) do
    parts[#parts + 1] = item.text
  end
  return table.concat(parts, separator or "\n")
end

--- Rows for a roadmap's activities in document order. A section row is inserted each time
--- the stage changes (with rows for enclosing stages that open too); sub-activities become
--- the row's children. make_row(activity, parent) returns a list of cells or a row table.
function report.rows(roadmap, stages, make_row)
  local by_id = {}
  for _, stage in ipairs(stages or {}) do by_id[stage.id] = stage end
  local function path_of(id)
    local path = {}
    while id ~= nil do
      local stage = by_id[id]
      if stage == nil then break end
      table.insert(path, 1, stage)
      id = stage.parent
    end
    return path
  end
  local function as_row(value)
    if value.cells ~= nil then return value end
    return { cells = value }
  end
  local rows, open = {}, {}
  for _, activity in ipairs(roadmap.activities) do
    if activity.stage ~= nil then
      local path = path_of(activity.stage)
      local common = 0
      while common < #path and common < #open and path[common + 1] == open[common + 1] do
        common = common + 1
      end
      for i = common + 1, #path do
        rows[#rows + 1] = { kind = "section", cells = { report.section_title(path[i]) } }
      end
      open = path
    end
    local row = as_row(make_row(activity, nil))
    if activity.activities and #activity.activities > 0 then
      local children = {}
      for _, child in ipairs(activity.activities) do
        children[#children + 1] = as_row(make_row(child, activity))
      end
      row.children = children
    end
    rows[#rows + 1] = row
  end
  return rows
end

--- The roadmap's approval («УТВЕРЖДАЮ») or signature blocks as report blocks. An approval
--- block without a date line of its own prints the recorded approval («приказ № 279 от 01.07.2022»).
function report.signatures(roadmap, kind)
  local out = {}
  local approved = roadmap.approval and roadmap.approval.text
  for _, s in ipairs(roadmap.signatures or {}) do
    if s.kind == kind then
      local date = s.date
      if date == nil and kind == "approval" then date = approved end
      out[#out + 1] = { kind = kind, label = s.label, position = s.position, name = s.name, date = date }
    end
  end
  return out
end

--- A paragraph block.
function report.paragraph(body, options)
  local block = { kind = "paragraph", text = body }
  for key, value in pairs(options or {}) do block[key] = value end
  return block
end

--- One paragraph block per paragraph of `body` (paragraphs are separated by blank lines);
--- an empty list when `body` is nil.
function report.paragraphs(body, options)
  local out = {}
  if body == nil then return out end
  for part in (body .. "\n\n"):gmatch("(.-)\n\n+") do
    if part ~= "" then out[#out + 1] = report.paragraph(part, options) end
  end
  return out
end

--- The paragraphs of the roadmap's named text block (`letterhead`, `preface`, `glossary`, ...);
--- an empty list when the roadmap has no such block.
function report.block(roadmap, name, options)
  return report.paragraphs(roadmap.blocks[name], options)
end

--- Appends every item of `items` to the list `blocks`; returns `blocks`.
function report.append(blocks, items)
  for _, item in ipairs(items) do blocks[#blocks + 1] = item end
  return blocks
end

local rollup = {}
karta.rollup = rollup

--- The share of done in planned, in percent with one decimal and a comma («42,9»), as a cell
--- of a number column; "" when nothing is planned.
function rollup.share(done, planned)
  if planned == nil or planned == 0 then return "" end
  local tenths = math.floor(done * 1000 / planned + 0.5)
  return (string.format("%d,%d", tenths // 10, tenths % 10))
end

local function count_column(id, title)
  return { id = id, title = title, width = 8, align = "right", type = "number" }
end

--- The summary table of a region report: a row per municipality (planned, done, in progress,
--- overdue, done without evidence, waiting for review when the workflow has it, the share
--- done), sorted by the share done, highest first (the order given among equals), and the
--- region's totals in the last row (a `total` row). Under the table, a bar chart of the share
--- done per municipality (SVG in HTML, a native chart in XLSX; totals are never charted).
--- options: municipality_title, total_title, order ("share", the default, or "given"),
--- chart_title, chart (false: no chart).
function rollup.summary(roadmaps, figures, options)
  options = options or {}
  local review = false
  for _, f in ipairs(figures) do
    if f.review ~= nil then review = true end
  end
  local columns = {
    { id = "municipality", title = options.municipality_title or "Муниципалитет", width = 20 },
    count_column("planned", "Запланировано"),
    count_column("done", "Выполнено"),
    count_column("in_progress", "В работе"),
    count_column("overdue", "Просрочено"),
    count_column("done_without_evidence", "Выполнено без подтверждений"),
  }
  if review then columns[#columns + 1] = count_column("review", "Ждут проверки") end
  columns[#columns + 1] = count_column("share", "Доля выполненных, %")
  local keys = { "planned", "done", "in_progress", "overdue", "done_without_evidence" }
  if review then keys[#keys + 1] = "review" end
  local totals = {}
  for _, key in ipairs(keys) do totals[key] = 0 end
  local order = {}
  for i, f in ipairs(figures) do
    order[i] = i
    for _, key in ipairs(keys) do totals[key] = totals[key] + (f[key] or 0) end
  end
  local function share(f)
    if f.planned == 0 then return -1 end
    return f.done / f.planned
  end
  if (options.order or "share") == "share" then
    table.sort(order, function(a, b)
      local left, right = share(figures[a]), share(figures[b])
      if left ~= right then return left > right end
      return a < b
    end)
  end
  local function row(name, f)
    local cells = { name }
    for _, key in ipairs(keys) do cells[#cells + 1] = tostring(f[key] or 0) end
    cells[#cells + 1] = rollup.share(f.done, f.planned)
    return cells
  end
  local rows = {}
  for _, i in ipairs(order) do
    rows[#rows + 1] = row(roadmaps[i] and roadmaps[i].municipality or figures[i].municipality, figures[i])
  end
  rows[#rows + 1] = { kind = "total", cells = row(options.total_title or "Итого по региону", totals) }
  local chart = nil
  if options.chart ~= false then
    chart = { title = options.chart_title or "Доля выполненных мероприятий, %", category = "municipality", value = "share",
              unit = "%", max = 100 }
  end
  return { kind = "table", columns = columns, rows = rows, chart = chart }
end

--- The region's progress per stage: a row per stage that any roadmap has activities in (in
--- the order of `options.stages`, the plugin's M.stages), planned, done and the share done;
--- nil when no activity has a stage. options: stages, stage_title.
function rollup.stages(figures, options)
  options = options or {}
  local by_id, order = {}, {}
  for _, stage in ipairs(options.stages or {}) do
    by_id[stage.id] = { stage = stage, planned = 0, done = 0 }
    order[#order + 1] = stage.id
  end
  local any = false
  for _, f in ipairs(figures) do
    for _, s in ipairs(f.stages) do
      if s.id ~= "" then
        local entry = by_id[s.id]
        if entry == nil then
          entry = { stage = { id = s.id, title = s.title }, planned = 0, done = 0 }
          by_id[s.id] = entry
          order[#order + 1] = s.id
        end
        entry.planned = entry.planned + s.planned
        entry.done = entry.done + s.done
        any = true
      end
    end
  end
  if not any then return nil end
  local rows = {}
  for _, id in ipairs(order) do
    local entry = by_id[id]
    if entry.planned > 0 then
      rows[#rows + 1] = { report.section_title(entry.stage), tostring(entry.planned), tostring(entry.done),
                          rollup.share(entry.done, entry.planned) }
    end
  end
  local columns = {
    { id = "stage", title = options.stage_title or "Раздел", width = 30 },
    count_column("planned", "Запланировано"),
    count_column("done", "Выполнено"),
    count_column("share", "Доля выполненных, %"),
  }
  return { kind = "table", columns = columns, rows = rows }
end

-- Host data is read-only. The tables the host passes (the roadmap, a change, the karta
-- table itself) reach plugin code as proxies, made by the host in C: writes fail, rawset
-- refuses them, getmetatable shows a marker and setmetatable fails. pairs, ipairs, #,
-- next, table.concat and table.unpack read them as usual; rawget and rawlen see an empty
-- table. (The plain-Lua comparison of `karta bench` runs this file without the host's
-- functions, so there is nothing to freeze there.)
local freeze = __karta_freeze
__karta_freeze = nil
if freeze then _G.karta = freeze(karta) end
"""#
