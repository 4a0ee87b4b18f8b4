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
