import KartaCore

extension RoadmapRecord {
    init(_ roadmap: Roadmap) {
        self.init(
            id: roadmap.id, plugin: roadmap.plugin, regionCode: roadmap.regionCode, municipality: roadmap.municipality,
            period: roadmap.period.description, title: roadmap.title, subtitle: roadmap.subtitle, goal: roadmap.goal,
            tasks: roadmap.tasks, approval: roadmap.approval, blocks: roadmap.blocks, signatures: roadmap.signatures,
            extra: roadmap.extra)
    }

    func roadmap(activities: [ActivityRecord], evidence: [EvidenceRecord]) throws -> Roadmap {
        guard let period = Period(period) else { throw StoreError.corrupt("roadmap \(id): period '\(period)'") }
        let evidenceByKey = Dictionary(grouping: evidence, by: \.activityKey)
        let childrenByParent = Dictionary(grouping: activities.filter { $0.parentKey != nil }, by: { $0.parentKey! })

        func build(_ record: ActivityRecord) throws -> Activity {
            let status = Status(rawValue: record.status)
            return Activity(
                key: record.key, number: record.number, stage: record.stage, title: record.title,
                description: record.description, schedule: record.timing.map(Schedule.init), fact: record.fact,
                responsible: record.responsible, roles: record.roles, audience: record.audience, level: record.level,
                indicator: record.indicator, status: status, report: record.report,
                evidence: (evidenceByKey[record.key] ?? []).sorted { $0.position < $1.position }
                    .map { Evidence(title: $0.title, url: $0.url, file: $0.file) },
                extra: record.extra,
                children: try (childrenByParent[record.key] ?? []).sorted { $0.position < $1.position }.map(build))
        }
        return Roadmap(
            id: id, plugin: plugin, regionCode: regionCode, municipality: municipality, period: period, title: title,
            subtitle: subtitle, goal: goal, tasks: tasks, approval: approval, blocks: blocks, signatures: signatures,
            extra: extra, activities: try activities.filter { $0.parentKey == nil }.sorted { $0.position < $1.position }.map(build))
    }
}

extension ActivityRecord {
    init(_ activity: Activity, roadmapID: String, position: Int, parent: String?) {
        self.init(
            roadmapId: roadmapID, key: activity.key, position: position, parentKey: parent, number: activity.number,
            stage: activity.stage, title: activity.title, description: activity.description,
            timing: activity.schedule?.text, fact: activity.fact, responsible: activity.responsible, roles: activity.roles,
            audience: activity.audience, level: activity.level, indicator: activity.indicator,
            status: activity.status.rawValue, report: activity.report, extra: activity.extra)
    }
}
