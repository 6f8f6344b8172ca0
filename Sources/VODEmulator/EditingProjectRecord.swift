import FoundationEssentials

/// An online editing project (AddEditingProject): its timeline and the media it uses as materials.
struct EditingProjectRecord: Codable, Sendable {
    var projectId: String
    var title: String
    var description: String?
    var coverURL: String?
    var timeline: String?
    var status: String
    var creationTime: Date
    var modificationTime: Date
    /// Media ids added as materials (AddEditingProjectMaterials / SetEditingProjectMaterials), in order.
    var materials: [String]
    /// The media the last ProduceEditingProjectVideo made.
    var producedMediaId: String?
}
