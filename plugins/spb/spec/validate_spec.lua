-- SPb's validate: every activity names its project level, ФП or РП.
describe("validate", function()
  it("finds nothing wrong in the fixture", function()
    assert.equal(spec.plugin.validate(spec.fixture("roadmap-2021")), {})
  end)

  it("reports a bad level by key and field", function()
    local roadmap = spec.fixture("roadmap-2021")
    local activity = roadmap.activities[1]
    activity.level = "МП"
    local problems = spec.plugin.validate(roadmap)
    assert.equal(#problems, 1)
    assert.equal(problems[1].key, activity.key)
    assert.equal(problems[1].field, "level")
    assert.truthy(problems[1].message:find("указано: МП", 1, true), problems[1].message)
  end)

  it("reports a missing level", function()
    local roadmap = spec.fixture("roadmap-2021")
    roadmap.activities[1].level = nil
    assert.truthy(spec.plugin.validate(roadmap)[1].message:find("ничего", 1, true))
  end)

  it("accepts both levels together", function()
    local roadmap = spec.fixture("roadmap-2021")
    roadmap.activities[1].level = "ФП, РП"
    assert.equal(spec.plugin.validate(roadmap), {})
  end)
end)
