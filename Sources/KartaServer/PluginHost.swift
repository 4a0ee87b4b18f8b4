import Foundation
import KartaCore
import KartaHost
import KartaLua
import KartaPlugins
import KartaReports
import KartaStore

/// The server's plugins: one workspace, its plugins each in a worker process, called one
/// request at a time. A plugin that fails or overruns fails that call; the server goes on.
actor PluginHost {
    private var workspace: Workspace

    init(pluginDirectories: [String], limits: LuaLimits, isolation: PluginIsolation) {
        workspace = Workspace(pluginDirectories: pluginDirectories, limits: limits, isolation: isolation)
    }

    /// A plugin's declarations.
    func manifest(_ plugin: String) throws -> PluginManifest {
        try workspace.plugin(plugin).manifest
    }

    /// Records a change through the region's workflow (see `Workspace.mark`).
    func mark(_ change: ActivityChange, roadmap: String, activity: String, uploads: [EvidenceUpload],
              in db: any RoadmapStore) throws -> [HistoryEntry] {
        try workspace.mark(change, roadmap: roadmap, activity: activity, uploads: uploads, in: db).entries
    }

    /// Submits a reporting stage (see `Workspace.submit`).
    func submit(roadmap: String, stage: String, actor: Actor, in db: any RoadmapStore) throws -> Submission {
        try workspace.submit(roadmap: roadmap, stage: stage, actor: actor, today: .today(), in: db)
    }

    /// Records an approval (see `Workspace.approve`).
    func approve(roadmap: String, actor: Actor, order: String, date: CalendarDate, issuer: String?,
                 in db: any RoadmapStore) throws -> HistoryEntry {
        try workspace.approve(roadmap: roadmap, actor: actor, order: order, date: date, issuer: issuer, in: db)
    }

    /// One report document of a roadmap.
    func document(_ roadmap: Roadmap, report: String) throws -> ReportDocument {
        try workspace.document(roadmap: roadmap, report: report).document
    }
}
