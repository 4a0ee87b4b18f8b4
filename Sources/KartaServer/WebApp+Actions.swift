import Foundation
import Hummingbird
import HummingbirdAuth
import KartaCore
import KartaHost
import KartaPlugins
import KartaReports
import KartaStore

/// The forms that change something: a workflow move, a submission, an approval.
extension WebApp {
    struct MoveForm: Decodable {
        var csrf: String
        var transition: String
        var fact: String?
        var report: String?
        var evidence: String?
        var comment: String?
    }

    /// Takes a transition as the signed-in account's role, through the same workflow, rules
    /// and single transaction as `karta mark`. A refusal shows the page again with the
    /// region's message and stores nothing.
    func move(_ request: Request, _ context: WebContext) async throws -> Response {
        let (form, uploads): (MoveForm, [EvidenceUpload]) = try await checkUpload(request, context)
        let (account, roadmap) = try visibleRoadmap(context)
        let key = try context.parameters.require("key")
        guard roadmap.activity(key: key) != nil else { throw WebError.notFound }
        func text(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        do {
            // One item per line. The field is checked whole first, so that a lone CR or a NEL
            // is refused as everywhere else instead of splitting an item.
            let evidence = try TextFieldError.check(text(form.evidence) ?? "", field: "подтверждение").split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(Evidence.init(parsing:))
            let change = ActivityChange(
                move: form.transition, fact: try text(form.fact).map { try FactDate.normalize($0, field: "дата факта") },
                report: text(form.report), evidence: evidence, reason: text(form.comment), actor: Access.actor(account))
            _ = try await plugins.mark(change, roadmap: roadmap.id, activity: key, uploads: uploads, in: db)
        } catch let refusal as RuleRefusal {
            if refusal.rule == "roles" || refusal.rule == "workflow" { throw WebError.forbidden(refusal.message) }
            return try await activityPage(request, context, refusal: refusal.message)
        } catch let error as HostError {
            return try await activityPage(request, context, refusal: error.description)
        } catch let error as TextFieldError {
            return try await activityPage(request, context, refusal: error.description)
        } catch let error as StoreError {
            if let page = WebError.unavailable(error) { throw page }
            return try await activityPage(request, context, refusal: error.description)
        }
        return Self.seeOther("/roadmaps/\(Self.path(roadmap.id))/activities/\(Self.path(key))")
    }

    static let notices = ["submitted": "Отчет сдан: его файлы сохранены без изменений.", "approved": "Утверждение записано."]

    struct SubmitForm: Decodable {
        var csrf: String
        var stage: String
    }

    /// Submits a stage's report as the account's role (report or approve permission).
    func submit(_ request: Request, _ context: WebContext) async throws -> Response {
        let form: SubmitForm = try await checkForm(request, context)
        let (account, roadmap) = try visibleRoadmap(context)
        do {
            _ = try await plugins.submit(roadmap: roadmap.id, stage: form.stage, actor: Access.actor(account), in: db)
        } catch let refusal as RuleRefusal {
            throw WebError.forbidden(refusal.message)
        } catch let error as StoreError {
            throw WebError(status: .conflict, message: "Не сдано: \(error.description)")
        } catch let error as PluginError {
            throw WebError(status: .unprocessableContent, message: "Не сдано: \(error.description)")
        }
        return Self.seeOther("/roadmaps/\(Self.path(roadmap.id))?notice=submitted")
    }

    struct ApproveForm: Decodable {
        var csrf: String
        var order: String
        var date: String
        var issuer: String?
    }

    /// Records the approval of the roadmap as the account's role (approve permission).
    func approve(_ request: Request, _ context: WebContext) async throws -> Response {
        let form: ApproveForm = try await checkForm(request, context)
        let (account, roadmap) = try visibleRoadmap(context)
        let order = form.order.trimmingCharacters(in: .whitespaces)
        guard !order.isEmpty else { throw WebError(status: .unprocessableContent, message: "Не утверждено: укажите номер приказа.") }
        do {
            let date = try FactDate.day(form.date, field: "дата приказа")
            let issuer = form.issuer.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            _ = try await plugins.approve(roadmap: roadmap.id, actor: Access.actor(account), order: order, date: date, issuer: issuer, in: db)
        } catch let refusal as RuleRefusal {
            throw WebError.forbidden(refusal.message)
        } catch let error as HostError {
            throw WebError(status: .unprocessableContent, message: "Не утверждено: \(error.description)")
        } catch let error as TextFieldError {
            throw WebError(status: .unprocessableContent, message: "Не утверждено: \(error.description)")
        }
        return Self.seeOther("/roadmaps/\(Self.path(roadmap.id))?notice=approved")
    }

    /// A frozen file of a submission, byte for byte.
}
