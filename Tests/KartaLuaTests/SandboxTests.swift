import KartaLua
import Testing

@Suite struct SandboxTests {
    @Test(arguments: ["io", "os", "debug", "package", "dofile", "loadfile", "require", "collectgarbage"])
    func removedGlobalsAreNil(name: String) throws {
        let state = try LuaState()
        #expect(try state.run("return \(name) == nil", chunkName: "t.lua") == [.boolean(true)])
    }

    @Test func finalizersAreRefused() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) { try state.run("setmetatable({}, { __gc = print })", chunkName: "t.lua") }
        // Other metatables still work, and a later __gc field has no effect in Lua 5.4.
        #expect(try state.run("local t = setmetatable({}, { __index = { a = 1 } }) return t.a", chunkName: "t.lua") == [.integer(1)])
        #expect(throws: LuaError.self) { try state.run("setmetatable('x', {})", chunkName: "t.lua") }
    }

    @Test func stringMetatableIsLocked() throws {
        let state = try LuaState()
        #expect(try state.run(#"return getmetatable("")"#, chunkName: "t.lua") == [.string("karta: the string metatable is locked")])
        #expect(try state.run(#"return ("abc"):upper()"#, chunkName: "t.lua") == [.string("ABC")])
    }

    @Test func coroutinesAreNotOpened() throws {
        let state = try LuaState()
        #expect(try state.run("return coroutine == nil", chunkName: "t.lua") == [.boolean(true)])
    }

    @Test func stringDumpIsRemoved() throws {
        let state = try LuaState()
        #expect(try state.run("return string.dump == nil", chunkName: "t.lua") == [.boolean(true)])
    }

    @Test func loadRefusesBinaryChunksEvenWhenAskedFor() throws {
        let state = try LuaState()
        let result = try state.run(#"return load("\27Lua\84\0", "x", "b")"#, chunkName: "t.lua")
        #expect(result.first == .nil)
        #expect(result.dropFirst().first?.stringValue?.contains("binary") == true)
    }

    @Test func loadStillRunsText() throws {
        let state = try LuaState()
        #expect(try state.run(#"return load("return 1 + 1")()"#, chunkName: "t.lua") == [.integer(2)])
    }

    @Test func hostRefusesBinaryChunk() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) { try state.load("\u{1B}Lua", chunkName: "x.lua") }
    }
}

@Suite struct ErrorTests {
    @Test func runtimeErrorCarriesFileLineAndTraceback() throws {
        let state = try LuaState()
        do {
            _ = try state.run("local x = 1\nlocal y = nil\nreturn y.field", chunkName: "plugins/demo/plugin.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .runtime)
            #expect(error.file == "plugins/demo/plugin.lua")
            #expect(error.line == 3)
            #expect(error.message.contains("attempt to index a nil value"))
            #expect(error.traceback?.isEmpty == false)
        }
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let state = try LuaState()
        do {
            _ = try state.load("return 1\nlocal = 2", chunkName: "plugins/demo/broken.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.file == "plugins/demo/broken.lua")
            #expect(error.line == 2)
        }
    }

    @Test func nonStringErrorObjectStillGetsALocationFromTheTraceback() throws {
        let state = try LuaState()
        do {
            _ = try state.run("local function f()\n  error({})\nend\nf()", chunkName: "p/x.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("table value"))
            #expect(error.file == "p/x.lua")
        }
    }

    @Test func instructionBudgetStopsAnEndlessLoop() throws {
        let state = try LuaState(limits: LuaLimits(instructions: 1_000_000))
        do {
            _ = try state.run("while true do end", chunkName: "loop.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .limit)
            #expect(error.file == "loop.lua")
        }
        // The state is still usable afterwards.
        #expect(try state.run("return 7", chunkName: "after.lua") == [.integer(7)])
    }

    /// Code that tries to catch a limit, and the limit it must end with.
    static let swallowers: [(code: String, kind: LuaError.Kind)] = [
        ("while true do pcall(function() while true do end end) end", .limit),
        ("xpcall(function() while true do end end, function() while true do end end)", .limit),
        ("while true do load(function() while true do end end) end", .limit),
        ("local x <close> = setmetatable({}, { __close = function() error({}) end }) while true do end", .limit),
        ("local t = {} while true do pcall(function() for i = 1, 1e9 do t[#t + 1] = { i } end end) end", .memory),
    ]

    @Test(arguments: 0..<swallowers.count)
    func limitsCannotBeCaught(_ index: Int) throws {
        let (code, kind) = Self.swallowers[index]
        let state = try LuaState(limits: LuaLimits(memoryBytes: 8 << 20, instructions: 2_000_000, seconds: 5))
        do {
            _ = try state.run(code, chunkName: "t.lua")
            Issue.record("\(code) ran to the end")
        } catch {
            #expect(error.kind == kind, "\(error)")
            #expect(error.message.contains(kind == .memory ? "memory limit exceeded" : "instruction budget exceeded"), "\(error)")
        }
        // The next call starts afresh, and an ordinary error is still caught as Lua promises.
        #expect(try state.run("local ok, e = pcall(error, 'plain') return ok, e", chunkName: "t.lua") == [.boolean(false), .string("plain")])
        #expect(try state.run("return select(2, xpcall(error, function(e) return 'handled ' .. e end, 'x'))", chunkName: "t.lua")
            == [.string("handled x")])
    }

    @Test func memoryCapStopsAnAllocationBomb() throws {
        let state = try LuaState(limits: LuaLimits(memoryBytes: 4 << 20))
        do {
            _ = try state.run("local t = {} for i = 1, 1e8 do t[i] = string.rep('x', 100) .. i end", chunkName: "bomb.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .memory)
        }
    }
}

@Suite struct ConversionTests {
    @Test func tablesComeBackWithSequenceAndFields() throws {
        let state = try LuaState()
        let value = try state.run(#"return { "a", "b", name = "х", [2.5] = true, nested = { 1, 2 } }"#, chunkName: "t.lua")
        guard case .table(let table) = value.first else { Issue.record("not a table"); return }
        #expect(table.sequence == [.string("a"), .string("b")])
        #expect(table["name"] == .string("х"))
        #expect(table["nested"] == .table(LuaTable(sequence: [.integer(1), .integer(2)])))
        #expect(table.otherEntries == [LuaEntry(key: .number(2.5), value: .boolean(true))])
    }

    @Test func cycleIsRefusedWithPath() throws {
        let state = try LuaState()
        do {
            _ = try state.run("local t = { inner = {} } t.inner.back = t return t", chunkName: "t.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .conversion)
            #expect(error.message.contains("result[1].inner.back"))
            #expect(error.message.contains("cycle"))
        }
    }

    @Test func sharedTablesThatAreNotCyclesAreFine() throws {
        let state = try LuaState()
        let value = try state.run("local s = {1} return { a = s, b = s }", chunkName: "t.lua")
        #expect(value.first?.tableValue?["a"] == value.first?.tableValue?["b"])
    }

    @Test func deepNestingIsCapped() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) {
            _ = try state.run("local t = {} local c = t for i = 1, 500 do c.x = {} c = c.x end return t", chunkName: "t.lua")
        }
    }

    @Test func invalidUTF8IsRefused() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) { _ = try state.run(#"return "\xff\xfe""#, chunkName: "t.lua") }
    }

    @Test func stringsWithNULInsideAreCopiedWhole() throws {
        let state = try LuaState()
        #expect(try state.run(#"return "а\0б""#, chunkName: "t.lua") == [.string("а\u{0}б")])
        // Invalid bytes after a NUL are still found.
        #expect(throws: LuaError.self) { _ = try state.run(#"return "a\0\xff""#, chunkName: "t.lua") }
    }

    @Test func valuesRoundTrip() throws {
        let state = try LuaState()
        let original = LuaValue.table(LuaTable(
            sequence: [.string("один"), .integer(2), .number(2.5), .boolean(false)],
            fields: ["nested": .table(LuaTable(fields: ["k": .string("v")]))]))
        let identity = try state.run("return ...", chunkName: "id.lua", arguments: [original])
        #expect(identity == [original])
    }
}

@Suite struct SwiftFunctionTests {
    @Test func luaCallsSwift() throws {
        let state = try LuaState()
        try state.register(global: "add") { arguments in
            guard case .integer(let a) = arguments[0], case .integer(let b) = arguments[1] else { return [.nil] }
            return [.integer(a + b)]
        }
        #expect(try state.run("return add(2, 40)", chunkName: "t.lua") == [.integer(42)])
    }

    @Test func swiftErrorBecomesLuaErrorAtTheCallersLine() throws {
        let state = try LuaState()
        try state.register(global: "fail") { _ in throw LuaRaise("refused by host") }
        do {
            _ = try state.run("local a = 1\nfail()", chunkName: "plugins/x/plugin.lua")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "plugins/x/plugin.lua")
            #expect(error.line == 2)
            #expect(error.message == "refused by host")
        }
    }

    @Test func luaCanCatchSwiftErrorsWithPcall() throws {
        let state = try LuaState()
        try state.register(global: "fail") { _ in throw LuaRaise("no") }
        let result = try state.run("local ok, err = pcall(fail) return ok, err", chunkName: "t.lua")
        #expect(result.first == .boolean(false))
        #expect(result.last?.stringValue?.hasSuffix("no") == true)
    }
}
