/// The interactive ncurses dashboard.
///
/// The dashboard arrives with its own issue; until then a bare `offload`
/// prints the default scenario's plan as text.
public enum OffloadDashboard {}
