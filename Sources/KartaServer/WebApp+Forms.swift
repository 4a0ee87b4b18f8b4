import Foundation
import Hummingbird
import HummingbirdAuth
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore
import MultipartKit

/// Reading forms: the session's token first, then the fields and files.
extension WebApp {
    func checkForm<Form: Decodable>(_ request: Request, _ context: WebContext) async throws -> Form {
        let body = try await request.body.collect(upTo: 1 << 20)
        let text = String(buffer: body)
        try checkToken((try? URLEncodedFormDecoder().decode(CSRFField.self, from: text))?.csrf, context)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: text)
        } catch {
            throw WebError(status: .badRequest, message: "Форма заполнена не полностью.")
        }
    }

    /// The session's token must come back with the form, byte for byte.
    func checkToken(_ token: String?, _ context: WebContext) throws {
        guard let expected = context.sessions.session?.csrf, let token, !token.isEmpty,
              Self.constantTimeEqual(Array(token.utf8), Array(expected.utf8)) else {
            throw WebError.forbidden("Форма устарела или подделана: обновите страницу и повторите.")
        }
    }

    /// A form sent URL-encoded, or as multipart with files (`file`, repeatable); its token is
    /// checked before anything else is read from it.
    func checkUpload<Form: Decodable>(_ request: Request, _ context: WebContext) async throws -> (Form, [EvidenceUpload]) {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data") else { return (try await checkForm(request, context), []) }
        guard let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })
            .map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }) else {
            throw WebError(status: .badRequest, message: "Форма отправлена без границы частей.")
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: EvidenceUpload.maxBytes + (1 << 20))
        } catch {
            throw WebError(status: .contentTooLarge, message: "Файл больше \(EvidenceUpload.maxBytes >> 20) МБ.")
        }
        let parsed: MultipartForm
        do {
            parsed = try MultipartForm(body, boundary: boundary)
        } catch {
            throw WebError(status: .badRequest, message: "Форма повреждена.")
        }
        try checkToken(parsed.fields["csrf"], context)
        let form: Form
        do {
            form = try URLEncodedFormDecoder().decode(Form.self, from: parsed.urlEncoded)
        } catch {
            throw WebError(status: .badRequest, message: "Форма заполнена не полностью.")
        }
        // A file input left empty still sends a part, with no name and no bytes.
        let uploads = parsed.files.filter { !$0.bytes.isEmpty || !$0.name.isEmpty }
            .map { EvidenceUpload(name: $0.name, bytes: $0.bytes) }
        return (form, uploads)
    }
}
