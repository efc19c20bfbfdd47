/// Plays a plan through time on the three lanes, under bandwidth traces.
///
/// The engine arrives with the simulator issue; this target exists so the
/// package shows the architecture (SPEC §5 `simulate` is not offered yet).
public enum OffloadSimulator {}
