import Foundation
import ZIPFoundation

/// Writes the parts of an Office Open XML package into a zip archive, deterministically:
/// entries in the order given, all dated 1980-01-01 00:00 (the zip epoch), deflated.
enum ZipPackage {
    /// The fixed entry date: the earliest a zip header can hold, read as UTC by ZIPFoundation.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// The archive bytes of `parts` (path inside the package, content).
    static func archive(_ parts: [(path: String, content: String)]) throws(ReportRenderError) -> [UInt8] {
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                let data = Data(part.content.utf8)
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: entryDate, permissions: 0o644, compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw ReportRenderError("zip archive has no data") }
            return [UInt8](data)
        } catch let error as ReportRenderError {
            throw error
        } catch {
            throw ReportRenderError("cannot build zip package: \(error)")
        }
    }
}

/// A report could not be rendered to a file format (a library call failed).
public struct ReportRenderError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
