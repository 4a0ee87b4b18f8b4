-- Shakhty's workflow: the department accepts a reported activity only with its documents.
local function transition(id)
  for _, t in ipairs(spec.plugin.workflow.transitions) do
    if t.id == id then return t end
  end
end

local function change(evidence)
  return { key = "1", number = "1", from = "review", to = "done", transition = "accept", evidence = evidence,
           added_evidence = {}, role = "department", role_abbr = "Департамент образования г. Шахты" }
end

describe("accept", function()
  local accept = transition("accept")
  local guard = accept.guards[1]

  it("goes from review to done, by the department", function()
    assert.equal(accept.from, "review")
    assert.equal(accept.to, "done")
    assert.equal(accept.roles, { "department" })
  end)

  it("refuses without evidence", function()
    local ok, message = guard.check(change({}))
    assert.equal(ok, false)
    assert.truthy(message:find("подтверждающих документов", 1, true), message)
  end)

  it("accepts with a document", function()
    assert.equal(guard.check(change({ "Приказ № 12 от 01.02.2022" })), true)
  end)
end)

describe("report", function()
  it("requires a report and evidence", function()
    assert.equal(transition("report").requires, { "report", "evidence" })
  end)
end)
