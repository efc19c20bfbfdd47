/// What `DashboardState.apply` needs to know about the screen, as plain numbers: the
/// layout computes it at the current size (`ScreenLayout.viewport`), so that the state
/// never reaches into the layout or the widgets.
struct Viewport: Sendable, Equatable {
    /// Rows of the job table: what Page Up and Page Down move by.
    var tablePageSize = 1
    /// Lines inside the help screen's box: what Page Up and Page Down scroll by.
    var helpPageSize = 1
    /// Lines of the help screen's text at this width.
    var helpLineCount = 0
}
