import Foundation
public import Hummingbird
public import KartaStore

/// An error page in Russian: 403, 404, 422, 429. It never says whether something the user
/// may not see exists.
public struct WebError: HTTPResponseError {
    /// The status.
    public var status: HTTPResponse.Status
    /// What the page says.
    public var message: String

    /// Not found, or not the user's to see.
    public static let notFound = WebError(status: .notFound, message: "Страница не найдена или недоступна вашей учетной записи.")
    /// A form without this session's token, or a user without the right.
    public static func forbidden(_ message: String = "Действие недоступно: войдите заново и повторите.") -> WebError {
        WebError(status: .forbidden, message: message)
    }

    /// The page for a database server that is not answering (nil for any other store error):
    /// what happened to the user's action, in their words.
    public static func unavailable(_ error: StoreError) -> WebError? {
        guard case .unavailable(_, let reason) = error else { return nil }
        let stored = reason.contains("while committing")
            ? "Последнее действие могло сохраниться: проверьте историю мероприятия, прежде чем повторять."
            : "Последнее действие не сохранено."
        return WebError(status: .serviceUnavailable,
                        message: "База данных сейчас не отвечает (сервер перезапускается или недоступен). \(stored) Повторите через минуту.")
    }

    /// A plain HTML page with the message.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let escaped = HTMLText.escape(message)
        let html = """
            <!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Карта 500+ — \(status.code)</title><link rel="stylesheet" href="/style.css"></head>
            <body><main><h1>\(status.code)</h1><p class="error">\(escaped)</p><p><a href="/">На главную</a></p></main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
