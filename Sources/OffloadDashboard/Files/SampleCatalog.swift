import OffloadModel

/// One scenario file the open dialog offers.
struct SampleEntry: Sendable, Equatable {
    /// The path to open (the samples folder joined with the file name).
    var path: String
    /// The file name, `default.json`.
    var fileName: String
    /// The scenario's `name`, or nil when the file cannot be read as a scenario.
    var title: String?
    /// The scenario's `description`, or why the file cannot be read.
    var summary: String
}

/// The scenarios in a samples folder, read only as far as their name and description
/// (models are loaded when a scenario is opened).
enum SampleCatalog {
    static func entries(in folder: String) -> [SampleEntry] {
        Directory.entries(of: folder).filter { $0.hasSuffix(".json") }.map { fileName in
            let path = folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
            do throws(InputError) {
                let json = try FileReader.json(atPath: path)
                guard case let .string(name) = json["name"] ?? .null, json["jobs"] != nil else {
                    return SampleEntry(path: path, fileName: fileName, title: nil, summary: "not a scenario (no \"name\" and \"jobs\")")
                }
                var summary = ""
                if case let .string(description) = json["description"] ?? .null { summary = description }
                return SampleEntry(path: path, fileName: fileName, title: name, summary: summary)
            } catch {
                return SampleEntry(path: path, fileName: fileName, title: nil, summary: error.message)
            }
        }
    }
}
