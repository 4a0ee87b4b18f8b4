import ArgumentParser
import Foundation
import KartaCore
import KartaHost
import KartaStore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Accounts of the web application: add, list, change a password, disable.",
        subcommands: [UserAdd.self, UserList.self, UserPasswd.self, UserDisable.self])
}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account: one role of one region, over the whole region, one municipality or one roadmap.",
        discussion: "The password is read from standard input (one line), or asked for at the terminal; never from an argument.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var plugins: PluginOptions

    @Argument(help: "The login (a-z, 0-9, '.', '_', '-').")
    var login: String

    @Option(help: ArgumentHelp("The person's name as documents print it («Иванова И.И.»).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("One of the plugin's roles (id or abbreviation).", valueName: "role"))
    var role: String

    @Option(help: ArgumentHelp("The region's plugin id.", valueName: "id"))
    var plugin: String

    @Option(help: ArgumentHelp("Only this municipality's roadmaps, as printed (г. Шахты).", valueName: "name"))
    var municipality: String?

    @Option(help: ArgumentHelp("Only this roadmap.", valueName: "id"))
    var roadmap: String?

    func validate() throws {
        if municipality != nil, roadmap != nil { throw ValidationError("give --municipality or --roadmap, not both") }
    }

    func run() throws {
        let db = try database.open(.readWrite)
        var workspace = try plugins.workspace()
        let scope: AccountScope = municipality.map(AccountScope.municipality) ?? roadmap.map(AccountScope.roadmap) ?? .region
        let password = try Password.read(prompt: "Пароль для \(login): ", confirm: true)
        let account = try workspace.addAccount(
            Account(login: login.lowercased(), name: name, plugin: plugin, role: role, scope: scope), password: password, in: db)
        print("added \(account.login): \(account.name), role \(account.role) of \(account.plugin), \(account.scope)")
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.open(.readOnly)
        let accounts = try db.accounts()
        if accounts.isEmpty { print("no accounts (karta user add LOGIN --name … --role … --plugin …)") }
        for account in accounts {
            print("\(account.login)\t\(account.name)\t\(account.plugin)\t\(account.role)\t\(account.scope)\(account.disabled ? "\tdisabled" : "")")
        }
    }
}

struct UserPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Set an account's password (read from standard input or the terminal).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The login.")
    var login: String

    func run() throws {
        let db = try database.open(.readWrite)
        guard try db.account(login: login.lowercased()) != nil else { throw CLIError("no account '\(login)'") }
        let password = try Password.read(prompt: "Новый пароль для \(login): ", confirm: true)
        try Passwords.check(password)
        try db.setPasswordHash(login: login.lowercased(), Passwords.hash(password))
        print("password of \(login.lowercased()) changed")
    }
}

struct UserDisable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable an account: it cannot sign in, and its open sessions stop at their next request.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The login.")
    var login: String

    @Flag(help: "Enable it again.")
    var enable = false

    func run() throws {
        let db = try database.open(.readWrite)
        try db.setDisabled(login: login.lowercased(), !enable)
        print("\(login.lowercased()) \(enable ? "enabled" : "disabled")")
    }
}

/// Reading a password: one line from standard input when it is not a terminal; at a
/// terminal, asked for without echo (twice when adding).
enum Password {
    static func read(prompt: String, confirm: Bool) throws -> String {
        guard isatty(STDIN_FILENO) != 0 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("no password on standard input (give it as one line)")
            }
            return line
        }
        let first = try ask(prompt)
        if confirm, try ask("Еще раз: ") != first { throw CLIError("the passwords differ") }
        return first
    }

    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("no password given") }
        return line
    }
}
