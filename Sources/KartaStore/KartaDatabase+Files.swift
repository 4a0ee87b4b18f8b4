internal import GRDB
public import KartaCore
import Foundation

extension KartaDatabase {
    /// An uploaded file cited as evidence in this roadmap, or nil: a file is reached only
    /// through a roadmap that cites it.
    public func evidenceFile(_ sha256: String, citedIn roadmapID: String) throws(StoreError) -> (file: EvidenceFile, name: String?)? {
        try read { db in
            guard let cited = try Row.fetchOne(
                db, sql: "SELECT title FROM evidence WHERE roadmap_id = ? AND file = ? LIMIT 1", arguments: [roadmapID, sha256]),
                  let row = try Row.fetchOne(db, sql: "SELECT media_type, bytes FROM evidence_file WHERE sha256 = ?", arguments: [sha256])
            else { return nil }
            let bytes: Data = row["bytes"]
            return (EvidenceFile(sha256: sha256, mediaType: row["media_type"], bytes: [UInt8](bytes)), cited["title"])
        }
    }
}
