import Foundation
import Hummingbird
import HummingbirdAuth
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

/// Files sent back: reports, frozen submissions, evidence.
extension WebApp {
    func submitted(_ request: Request, _ context: WebContext) async throws -> Response {
        let (_, roadmap) = try visibleRoadmap(context)
        let stage = try context.parameters.require("stage")
        let file = try context.parameters.require("file")
        guard let dot = file.lastIndex(of: "."), let format = OutputFormat(rawValue: String(file[file.index(after: dot)...])) else {
            throw WebError.notFound
        }
        let bytes: [UInt8]
        do {
            bytes = try Workspace.submitted(roadmap: roadmap.id, stage: stage, report: String(file[..<dot]), format: format, in: db)
        } catch is HostError {
            throw WebError.notFound
        }
        return attachment(bytes, format: format, name: "\(roadmap.id)-\(stage)-\(file)")
    }

    func download(_ request: Request, _ context: WebContext) async throws -> Response {
        let (_, roadmap) = try visibleRoadmap(context)
        let file = try context.parameters.require("file")
        guard let dot = file.lastIndex(of: "."), let format = OutputFormat(rawValue: String(file[file.index(after: dot)...])) else {
            throw WebError.notFound
        }
        let report = String(file[..<dot])
        guard try await plugins.manifest(roadmap.plugin).reports.contains(where: { $0.id == report }) else { throw WebError.notFound }
        let bytes = try format.render(try await plugins.document(roadmap, report: report))
        return attachment(bytes, format: format, name: "\(roadmap.id)-\(report).\(format.rawValue)")
    }

    /// A report file as an attachment with its type.
    func attachment(_ bytes: [UInt8], format: OutputFormat, name: String) -> Response {
        let types: [OutputFormat: String] = [
            .markdown: "text/markdown; charset=utf-8", .csv: "text/csv; charset=utf-8", .html: "text/html; charset=utf-8",
            .json: "application/json",
            .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]
        var headers: HTTPFields = [
            .contentType: types[format] ?? "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(name)\"",
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }


    func evidenceFile(_ request: Request, _ context: WebContext) async throws -> Response {
        let (_, roadmap) = try visibleRoadmap(context)
        let sha = try context.parameters.require("sha")
        guard let (file, name) = try db.evidenceFile(sha, citedIn: roadmap.id) else { throw WebError.notFound }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        let encoded = (name ?? "file").addingPercentEncoding(withAllowedCharacters: allowed) ?? "file"
        var headers: HTTPFields = [
            .contentType: file.mediaType,
            .contentDisposition: "attachment; filename=\"evidence\"; filename*=UTF-8''\(encoded)",
        ]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
