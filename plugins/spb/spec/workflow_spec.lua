-- St. Petersburg keeps the standard workflow: the district administration (АР), which approves,
-- and the methodological centre (ИМЦ) plan and report; schools, the district coordinator and
-- the curators report what was done.
local function roadmap()
  return spec.fixture("roadmap-2021")
end

describe("the standard workflow", function()
  it("takes an activity of the plan through to done", function()
    local r = roadmap()
    local first = r.activities[1]
    assert.equal(first.status, "planned")
    assert.truthy(spec.move(r, first.key, "in_progress", { as = "районный координатор" }))
    assert.truthy(spec.move(r, first.key, "done", { as = "coordinator", fact = "15.03.2021", report = "Назначен районный координатор" }))
    assert.equal(first.status_text, "выполнено")
    assert.equal(first.report, "Назначен районный координатор")
  end)

  it("lets curators and schools report, not plan", function()
    for _, role in ipairs({ "curator", "oo" }) do
      assert.truthy(spec.move(roadmap(), "1.1", "done", { as = role, evidence = { "https://example.org/protocol" } }), role)
      local ok, _, rule = spec.move(roadmap(), "1.1", "postponed", { as = role })
      assert.falsy(ok, role)
      assert.equal(rule, "roles")
    end
  end)

  it("lets the centre postpone and the administration cancel and plan again", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "1.1", "postponed", { as = "ИМЦ" }))
    assert.truthy(spec.move(r, "1.1", "cancelled", { as = "АР" }))
    assert.truthy(spec.move(r, "1.1", "planned", { as = "ar" }))
    assert.equal(r.activities[1].status, "planned")
  end)
end)
