/// What a colour of a theme is for; each role is one `key = value` line of a `.theme` file.
enum ThemeRole: String, Sendable, CaseIterable, Hashable {
    case background
    case text
    case dim
    case accent
    case border
    case title
    case headerBackground = "header_background"
    case headerText = "header_text"
    case keybarBackground = "keybar_background"
    case keybarKey = "keybar_key"
    case keybarText = "keybar_text"
    case laneDevice = "lane_device"
    case laneUplink = "lane_uplink"
    case laneCloud = "lane_cloud"
    case idle
    case critical
    case selection
    case selectionText = "selection_text"
    case cursor
    case trace
    case bar
    case barCurrent = "bar_current"
    case good
    case bad
    case error
}
