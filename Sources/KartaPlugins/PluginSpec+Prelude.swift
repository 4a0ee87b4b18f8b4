/// The Lua half of plugin specs: `describe`, `it`, `assert` and `spec`. Runs, trusted, after
/// `plugin.lua` in the spec's own sandboxed state; it takes what the plugin returned, the
/// fixture loader, the compiled spec file, its name and the host's half of `spec.move`, runs
/// the spec file and returns how many `it` passed, the list of failures, and the transitions
/// and roles the file exercised (for `karta plugin doctor`). Documented in
/// docs/plugin-authoring.md.
let specPrelude = #"""
local plugin, fixture, chunk, file, host_move = ...
local passed, failures, names = 0, {}, {}
local used = { transitions = {}, roles = {} }

-- "src:line: text" as file:line and text; a chunk name Lua shortened ("...c/x_spec.lua")
-- is given back whole.
local function position(message)
  local src, line, rest = string.match(message, "^([^\n]-):(%d+): (.*)$")
  if src == nil then return file, message end
  if src:sub(1, 3) == "..." and file:sub(-(#src - 3)) == src:sub(4) then src = file end
  return src .. ":" .. line, rest
end

local function record(name, err)
  local where, message = position(tostring(err))
  local path = {}
  for i = 1, #names do path[i] = names[i] end
  path[#path + 1] = name
  failures[#failures + 1] = { where = where, name = table.concat(path, " "), message = message }
end

local function run(name, fn)
  local ok, err = pcall(fn)
  if not ok then record(name, err) end
  return ok
end

function describe(name, fn)
  names[#names + 1] = tostring(name)
  local ok, err = pcall(fn)
  names[#names] = nil
  if not ok then record(tostring(name), err) end
end

function it(name, fn)
  if run(tostring(name), fn) then passed = passed + 1 end
end

local function show(value, depth)
  depth = depth or 0
  if type(value) == "string" then return (string.format("%q", value):gsub("\\\n", "\\n")) end
  if type(value) ~= "table" then return tostring(value) end
  if depth > 2 then return "{…}" end
  local parts, count = {}, 0
  for key, item in pairs(value) do
    count = count + 1
    if count > 8 then parts[#parts + 1] = "…" break end
    local label = math.type(key) == "integer" and "" or (tostring(key) .. " = ")
    parts[#parts + 1] = label .. show(item, depth + 1)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function same(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for key, item in pairs(a) do if not same(item, b[key]) then return false end end
  for key in pairs(b) do if a[key] == nil then return false end end
  return true
end

local function fail(message, default)
  error(message and (tostring(message) .. ": " .. default) or default, 3)
end

local builtin = assert
local checks = {}

--- Fails unless actual equals expected (tables compared by content).
function checks.equal(actual, expected, message)
  if not same(actual, expected) then fail(message, "expected " .. show(expected) .. ", got " .. show(actual)) end
end

--- Fails unless the value is neither nil nor false.
function checks.truthy(value, message)
  if not value then fail(message, "expected a true value, got " .. show(value)) end
end

--- Fails unless the value is nil or false.
function checks.falsy(value, message)
  if value then fail(message, "expected nil or false, got " .. show(value)) end
end

--- Fails unless fn raises an error (whose message contains the Lua pattern, when given).
function checks.error(fn, pattern)
  local ok, err = pcall(fn)
  if ok then fail(nil, "expected an error, got none") end
  if pattern ~= nil and not string.find(tostring(err), pattern) then
    fail(nil, "expected an error matching " .. show(pattern) .. ", got " .. show(tostring(err)))
  end
end

-- assert(v, message) still works as Lua's, for plugin code that calls it.
assert = setmetatable(checks, { __call = function(_, ...) return builtin(...) end })

-- A transition whose guard a spec calls is exercised, whether the guard accepts or refuses.
local transitions = type(plugin) == "table" and type(plugin.workflow) == "table" and plugin.workflow.transitions
for _, transition in ipairs(type(transitions) == "table" and transitions or {}) do
  for _, guard in ipairs(type(transition.guards) == "table" and transition.guards or {}) do
    local check, id = guard.check, transition.id
    if type(check) == "function" and type(id) == "string" then
      guard.check = function(...)
        used.transitions[id] = true
        return check(...)
      end
    end
  end
end

local function find(activities, key)
  for _, activity in ipairs(activities or {}) do
    if activity.key == key then return activity end
    local found = find(activity.activities, key)
    if found ~= nil then return found end
  end
end

local function guards_of(id)
  for _, transition in ipairs(type(transitions) == "table" and transitions or {}) do
    if transition.id == id then return transition.guards or {} end
  end
  return {}
end

-- What a guard or rule answered, as the host reads it: nil when it accepts, else the refusal.
local function verdict(rule, ok, message)
  if ok == nil or ok == true then return nil end
  if ok == false then return type(message) == "string" and message or rule.text end
  if type(ok) == "string" then return ok end
  local shown = type(ok)
  if shown == "number" then shown = "a number (" .. tostring(ok) .. ")" elseif shown == "table" or shown == "function" then shown = "a " .. shown end
  error("rule '" .. tostring(rule.id) .. "' returned " .. shown .. "; a rule's check returns true (or nothing) to accept, "
    .. "and false with a message, or a message alone, to refuse", 0)
end

--- Takes a move of the workflow on the roadmap's activity with this key, as `karta mark` does:
--- the host checks the role, the transition and its required fields, then the transition's
--- guards and the plugin's rules run here. On success the activity is changed in place and
--- true is returned; otherwise false, the message and the id of the refusing rule.
local function move(roadmap, key, name, options)
  if type(roadmap) ~= "table" or type(roadmap.activities) ~= "table" then
    error("spec.move: expected a roadmap (spec.fixture(name)) first", 2)
  end
  local activity = find(roadmap.activities, key)
  if activity == nil then error("spec.move: no activity '" .. tostring(key) .. "' in the roadmap", 2) end
  if type(options) ~= "table" then error("spec.move: expected options { as = \"role\", … } last", 2) end
  local evidence = {}
  for i, item in ipairs(activity.evidence or {}) do evidence[i] = { title = item.title, url = item.url } end
  local before = { key = activity.key, number = activity.number, status = activity.status, fact = activity.fact,
                   report = activity.report, evidence = evidence }
  local answer = host_move(before, name, options)
  if answer.role ~= nil then used.roles[answer.role] = true end
  if not answer.ok then return false, answer.message, answer.rule end
  local after = {}
  for field, value in pairs(activity) do after[field] = value end
  after.status, after.status_text, after.fact, after.report = answer.to, answer.status_text, answer.fact, answer.report
  after.evidence = {}
  for i, item in ipairs(activity.evidence or {}) do after.evidence[i] = item end
  for _, item in ipairs(answer.added) do after.evidence[#after.evidence + 1] = item end
  local checks = {}
  if answer.transition ~= nil then
    for _, guard in ipairs(guards_of(answer.transition)) do checks[#checks + 1] = guard end
  end
  for _, rule in ipairs(type(plugin) == "table" and plugin.rules or {}) do checks[#checks + 1] = rule end
  for _, rule in ipairs(checks) do
    local refusal = verdict(rule, rule.check(answer.change, after, roadmap))
    if refusal ~= nil then return false, refusal, rule.id end
  end
  for field, value in pairs(after) do activity[field] = value end
  if answer.transition ~= nil then used.transitions[answer.transition] = true end
  return true
end

spec = { plugin = plugin, fixture = fixture, file = file, move = move }

run("(spec file)", chunk)
return passed, failures, used
"""#
