-- Krasnodar keeps the standard workflow: the department of education, which approves, may take
-- every move; the methodological centre plans and reports; curators and schools report only.
local function roadmap()
  return spec.fixture("roadmap-2020-2021")
end

describe("the standard workflow", function()
  it("lets the department reopen a done seminar and the centre hold it again", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "1", "planned", { as = "департамент образования" }))
    assert.equal(r.activities[1].status_text, "запланировано")
    assert.truthy(spec.move(r, "1", "in_progress", { as = "МНЦ" }))
    assert.truthy(spec.move(r, "1", "done", { as = "МНЦ", fact = "22.09.2020" }))
    assert.equal(r.activities[1].fact, "22.09.2020")
  end)

  it("lets curators and schools report what was done", function()
    for _, role in ipairs({ "curator", "oo" }) do
      local r = roadmap()
      assert.truthy(spec.move(r, "1", "planned", { as = "do" }))
      assert.truthy(spec.move(r, "1", "in_progress", { as = role }), role)
      assert.truthy(spec.move(r, "1", "done", { as = role, evidence = { "Протокол семинара" } }), role)
      assert.equal(#r.activities[1].evidence, 3, role)
    end
  end)

  it("keeps planning to the department and the centre", function()
    for _, role in ipairs({ "кураторы ШНОР/ШССУ", "ОО" }) do
      local ok, message, rule = spec.move(roadmap(), "2", "postponed", { as = role })
      assert.falsy(ok, role)
      assert.equal(rule, "roles")
      assert.truthy(message:find("не может выполнить переход «перенести»", 1, true), message)
    end
    assert.truthy(spec.move(roadmap(), "2", "postponed", { as = "mnc" }))
    assert.truthy(spec.move(roadmap(), "2", "cancelled", { as = "do" }))
  end)
end)
