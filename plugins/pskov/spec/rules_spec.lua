-- Pskov's rule: an activity is done only with the date it was held.
local rule = spec.plugin.rules[1]

-- A change as the host passes it to a rule (docs/plugin-authoring.md, "Rules").
local function change(fields)
  local c = { key = "1", number = "1", from = "planned", to = "done", evidence = {}, added_evidence = {}, role = "mk", role_abbr = "МК" }
  for k, v in pairs(fields or {}) do c[k] = v end
  return c
end

describe("done-needs-fact-date", function()
  it("is the region's only rule", function()
    assert.equal(rule.id, "done-needs-fact-date")
    assert.equal(#spec.plugin.rules, 1)
  end)

  it("refuses done without a fact date", function()
    local ok, message = rule.check(change())
    assert.falsy(ok)
    assert.truthy(message:find("фактической даты", 1, true), message)
  end)

  it("refuses done with an empty fact", function()
    assert.falsy(rule.check(change({ fact = "" })))
  end)

  it("accepts done with a fact date", function()
    assert.equal(rule.check(change({ fact = "14.05.2021" })), true)
  end)

  it("lets other moves through without a fact", function()
    assert.equal(rule.check(change({ to = "in_progress" })), true)
  end)
end)
