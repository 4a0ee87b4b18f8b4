-- Krasnodar's execution report: the region code and the municipality open every data row.
local function report(id)
  for _, r in ipairs(spec.plugin.reports) do
    if r.id == id then return r end
  end
end

local function table_of(document)
  for _, block in ipairs(document.blocks) do
    if block.kind == "table" then return block end
  end
end

describe("execution report", function()
  local roadmap = spec.fixture("roadmap-2020-2021")
  local document = report("execution").build(roadmap)
  local rows = table_of(document).rows

  it("is titled with the municipality", function()
    assert.equal(document.title, "Отчет о выполнении мероприятий муниципальной дорожной карты — Краснодар")
  end)

  it("starts with the form's fill-in hint", function()
    assert.equal(rows[1].kind, "hint")
  end)

  it("prints 23 and the municipality first in every data row", function()
    local data = 0
    for _, row in ipairs(rows) do
      if row.kind == nil then
        data = data + 1
        assert.equal(row.cells[1], "23")
        assert.equal(row.cells[2], "Краснодар")
      end
    end
    assert.equal(data, #roadmap.activities)
  end)

  it("prints an activity's evidence one item a line", function()
    local first = roadmap.activities[1]
    assert.equal(#first.evidence, 2)
    assert.truthy(rows[2].cells[8]:find("\n", 1, true))
  end)
end)
