public import Foundation

/// A report submitted for a reporting stage: frozen, with who and when. Its files (every
/// report of the plugin in every output format) are stored byte for byte and never change.
public struct Submission: Sendable, Hashable, Codable {
    /// The roadmap.
    public var roadmapID: String
    /// The reporting stage's id (`2`).
    public var stage: String
    /// The stage as the region prints it («Второй этап»).
    public var stageTitle: String
    /// When, in UTC.
    public var at: Date
    /// Who.
    public var actor: Actor
    /// The files: report id, output format, bytes.
    public var files: [SubmittedFile]

    /// Creates a submission.
    public init(roadmapID: String, stage: String, stageTitle: String, at: Date, actor: Actor, files: [SubmittedFile]) {
        self.roadmapID = roadmapID
        self.stage = stage
        self.stageTitle = stageTitle
        self.at = at
        self.actor = actor
        self.files = files
    }
}

/// One frozen file of a submission.
public struct SubmittedFile: Sendable, Hashable, Codable {
    /// The plugin's report format id (`execution`).
    public var report: String
    /// The output format (`md`, `docx`).
    public var format: String
    /// The bytes as written at submission.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(report: String, format: String, bytes: [UInt8]) {
        self.report = report
        self.format = format
        self.bytes = bytes
    }
}
