-- Pskov keeps the standard workflow: who may take a move follows the roles' `can`, and the
-- region's rule (done-needs-fact-date) runs on every move, as `karta mark` runs them.
local function roadmap()
  return spec.fixture("roadmap-2021")
end

local function activity(r, key)
  for _, item in ipairs(r.activities[12].activities) do
    if item.key == key then return item end
  end
end

describe("a master class of item 12", function()
  it("is started and held by the municipal coordinator, with the date it was held", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "12.5", "in_progress", { as = "МК" }))
    assert.truthy(spec.move(r, "12.5", "done", { as = "МК", fact = "18.11.2021" }))
    assert.equal(activity(r, "12.5").status_text, "выполнено")
    assert.equal(activity(r, "12.5").fact, "18.11.2021")
  end)

  it("is not done without the date it was held", function()
    local ok, message, rule = spec.move(roadmap(), "12.5", "done", { as = "mk" })
    assert.falsy(ok)
    assert.equal(rule, "done-needs-fact-date")
    assert.truthy(message:find("дату факта", 1, true), message)
  end)

  it("is postponed and planned again by the education office", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "12.6", "postponed", { as = "УО" }))
    assert.truthy(spec.move(r, "12.6", "planned", { as = "УО" }))
    assert.equal(activity(r, "12.6").status, "planned")
  end)

  it("is cancelled by the regional coordinator", function()
    local r = roadmap()
    assert.truthy(spec.move(r, "12.6", "cancelled", { as = "РК" }))
    assert.equal(activity(r, "12.6").status_text, "отменено")
  end)
end)

describe("who may move an activity", function()
  it("lets schools, curators and the institute report but not plan", function()
    for _, role in ipairs({ "oo", "curator", "poipkro" }) do
      assert.truthy(spec.move(roadmap(), "12.5", "done", { as = role, fact = "18.11.2021" }), role)
      local ok, _, rule = spec.move(roadmap(), "12.5", "postponed", { as = role })
      assert.falsy(ok, role)
      assert.equal(rule, "roles")
    end
  end)

  it("lets the regional committee, which approves, take any move", function()
    assert.truthy(spec.move(roadmap(), "12.6", "postponed", { as = "КОПО" }))
  end)

  it("knows no other role", function()
    local ok, message, rule = spec.move(roadmap(), "12.5", "done", { as = "ИРО", fact = "18.11.2021" })
    assert.falsy(ok)
    assert.equal(rule, "roles")
    assert.truthy(message:find("нет роли", 1, true), message)
  end)
end)
