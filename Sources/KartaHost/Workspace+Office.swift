import Foundation
public import KartaCore
public import KartaReports
import KartaStore

extension Workspace {
    /// Larger office files are refused before they are read.
    public static let maxOfficeFileBytes = 64 << 20

    /// Whether a path names a Word or Excel file by its extension.
    public static func isOfficeFile(_ path: String) -> Bool {
        ["docx", "xlsx"].contains((path as NSString).pathExtension.lowercased())
    }

    /// Reads the roadmap table of a Word or Excel file for a plugin and checks the roadmap
    /// exactly as a YAML file is checked (the data format's rules, then the plugin's); errors
    /// name the file and the place in it. Nothing is stored.
    ///
    /// - Returns: the roadmap, its YAML text (`--to-yaml`), and notices for the user.
    public mutating func importOffice(file: String, plugin id: String, options: OfficeImport.Options)
        throws -> (roadmap: Roadmap, yaml: String, notices: [String]) {
        let document = try Self.officeDocument(file)
        let plugin = try plugin(id)
        let result = try OfficeImport.read(file: file, document: document, plugin: plugin, options: options)
        func place(_ path: String) -> String {
            // The longest activity path that has a place: `activities[3].evidence[0]` → row of activities[3].
            var prefix = path
            while !prefix.isEmpty {
                if let found = result.places[prefix] { return "\(file): \(found)" }
                guard let cut = prefix.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
                prefix = String(prefix[..<cut])
            }
            return file
        }
        // Through the YAML format, so that what is stored is what --to-yaml shows and the
        // same rules hold as for a typed file.
        let yaml = RoadmapFile.encode(result.roadmap)
        let roadmap: Roadmap
        do {
            roadmap = try RoadmapFile.decode(yaml, file: file)
        } catch {
            let lines = error.errors.prefix(TerminalText.problemCount).map { problem in
                "\(place(problem.path)): \(problem.path.isEmpty ? "" : problem.path + ": ")\(problem.message)"
            }
            throw HostError(TerminalText.problemLines(lines).joined(separator: "\n"))
        }
        try check(roadmap, file: file, place: place)
        return (roadmap, yaml, result.notices)
    }

    /// A Word or Excel file read (not yet as a roadmap); errors name the file.
    public static func officeDocument(_ file: String) throws -> OfficeDocument {
        let bytes = try officeBytes(file)
        do {
            return try OfficeDocument.read(bytes)
        } catch {
            throw HostError("\(file): \(error)")
        }
    }

    /// A file's bytes, refused when missing or larger than ``maxOfficeFileBytes``.
    static func officeBytes(_ file: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: file) else { throw HostError("\(file): no such file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        if size > maxOfficeFileBytes {
            throw HostError("\(file): \(size >> 20) MiB; an office file may hold at most \(maxOfficeFileBytes >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw HostError("\(file): cannot read it") }
        return [UInt8](data)
    }
}
