/// The Lua half of plugin specs: `describe`, `it`, `assert` and `spec`. Runs, trusted, after
/// `plugin.lua` in the spec's own sandboxed state; it takes what the plugin returned, the
/// fixture loader, the compiled spec file and its name, runs the spec file and returns how
/// many `it` passed and the list of failures. Documented in docs/plugin-authoring.md.
let specPrelude = #"""
local plugin, fixture, chunk, file = ...
local passed, failures, names = 0, {}, {}

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

spec = { plugin = plugin, fixture = fixture, file = file }

run("(spec file)", chunk)
return passed, failures
"""#
