import OffloadModel

extension CutGraph {
    /// The cost profile of putting exactly the layers with `onDevice[i] == true` on the device.
    ///
    /// Returns `nil` if the graph is malformed (see ``validationIssue``) or `onDevice`
    /// does not have one entry per layer. The set should be closed (see
    /// ``isClosed(onDevice:)``); for an open set the numbers ignore cloud-to-device traffic.
    public func profile(onDevice: [Bool]) -> Cut? {
        guard onDevice.count == layerCount, validationIssue == nil else { return nil }
        return CutTopology(self).profile(self, onDevice: onDevice)
    }

    /// Whether every input of every device layer is on the device too (the raw input always is).
    ///
    /// Returns `false` if the graph is malformed or `onDevice` has the wrong length.
    public func isClosed(onDevice: [Bool]) -> Bool {
        guard onDevice.count == layerCount, validationIssue == nil else { return false }
        return CutTopology(self).isClosed(onDevice)
    }
}
