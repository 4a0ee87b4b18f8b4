-- Shakhty's workflow: whoever carries an activity out reports it with its documents, the
-- department accepts it or returns it with a comment; the department accepts an activity
-- only with its documents.
local function transition(id)
  for _, t in ipairs(spec.plugin.workflow.transitions) do
    if t.id == id then return t end
  end
end

local function change(evidence)
  return { key = "1", number = "1", from = "review", to = "done", transition = "accept", evidence = evidence,
           added_evidence = {}, role = "department", role_abbr = "Департамент образования г. Шахты" }
end

local function roadmap()
  return spec.fixture("roadmap-2022")
end

local function activity(r, key)
  for _, item in ipairs(r.activities) do
    if item.key == key then return item end
  end
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

  it("refuses an activity that reached review without documents", function()
    local r = roadmap()
    activity(r, "1.4").status = "review"
    local ok, message, rule = spec.move(r, "1.4", "accept", { as = "department" })
    assert.falsy(ok)
    assert.equal(rule, "done-needs-evidence")
    assert.truthy(message:find("подтверждающих документов", 1, true), message)
  end)

  it("is the department's only", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "1.4", "report", { as = "mk", report = "Семинар проведен 16.12.2022", evidence = { "Программа семинара" } }))
    local ok, message, rule = spec.move(r, "1.4", "accept", { as = "mk" })
    assert.falsy(ok)
    assert.equal(rule, "roles")
    assert.truthy(message:find("Департамент образования г. Шахты", 1, true), message)
  end)
end)

describe("report", function()
  it("requires a report and evidence", function()
    assert.equal(transition("report").requires, { "report", "evidence" })
    local ok, message, rule = spec.move(roadmap(), "1.4", "report", { as = "mk", report = "Семинар проведен 16.12.2022" })
    assert.falsy(ok)
    assert.equal(rule, "requires")
    assert.truthy(message:find("подтверждающий документ или ссылка", 1, true), message)
  end)
end)

describe("the review cycle of item 1.4", function()
  it("goes to review, back for rework with a comment, to review again and to done", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "1.4", "report", { as = "mk", report = "Семинар по итогам реализации проекта проведен 16.12.2022",
                                                  evidence = { "Программа семинара от 16.12.2022" } }))
    assert.equal(activity(r, "1.4").status_text, "на проверке")
    local ok, _, rule = spec.move(r, "1.4", "return", { as = "department" })
    assert.falsy(ok)
    assert.equal(rule, "requires")
    assert.truthy(spec.move(r, "1.4", "return", { as = "department", comment = "приложите протокол семинара" }))
    assert.equal(activity(r, "1.4").status_text, "на доработке")
    ok, _, rule = spec.move(r, "1.4", "done", { as = "department" })
    assert.falsy(ok)
    assert.equal(rule, "workflow")
    -- The report recorded the first time still fills the requirement.
    assert.truthy(spec.move(r, "1.4", "report", { as = "mk", evidence = { "Протокол семинара от 16.12.2022 № 5" } }))
    assert.truthy(spec.move(r, "1.4", "accept", { as = "department" }))
    assert.equal(activity(r, "1.4").status, "done")
    assert.equal(#activity(r, "1.4").evidence, 2)
  end)
end)

describe("moves out of the plan", function()
  it("are started by those who carry the activity out", function()
    assert.truthy(spec.move(roadmap(), "2.2", "start", { as = "school_coordinator" }))
  end)

  it("are postponed with a comment, and planned again", function()
    local r = roadmap()
    assert.falsy(spec.move(r, "2.2", "postpone", { as = "mk" }))
    assert.truthy(spec.move(r, "2.2", "postpone", { as = "mk", comment = "семинар перенесен на январь" }))
    assert.truthy(spec.move(r, "2.2", "start", { as = "tutor" }))
    assert.truthy(spec.move(r, "2.2", "postpone", { as = "department", comment = "перенесен еще раз" }))
    assert.truthy(spec.move(r, "2.2", "replan", { as = "mk" }))
    assert.equal(activity(r, "2.2").status, "planned")
  end)

  it("are cancelled by the department only, with a comment", function()
    local r = roadmap()
    local ok, _, rule = spec.move(r, "2.2", "cancel", { as = "mk", comment = "не состоится" })
    assert.falsy(ok)
    assert.equal(rule, "roles")
    assert.truthy(spec.move(r, "2.2", "cancel", { as = "department", comment = "не состоится" }))
    assert.equal(activity(r, "2.2").status_text, "отменено")
    assert.truthy(spec.move(r, "2.2", "replan", { as = "department" }))
  end)
end)

describe("the working group", function()
  it("only views: it takes no move and records nothing", function()
    local ok, _, rule = spec.move(roadmap(), "2.2", "start", { as = "working_group" })
    assert.falsy(ok)
    assert.equal(rule, "roles")
    ok, _, rule = spec.move(roadmap(), "2.2", nil, { as = "Рабочая группа", report = "посетили семинар" })
    assert.falsy(ok)
    assert.equal(rule, "roles")
  end)
end)
