"""offload's measuring tools: profile an ONNX model per node (`offload-profile`) and
run a plan for real on this machine (`offload-testbed`).

The files they write are described in docs/FORMATS.md (§2 model profile, §5 plan JSON,
§9 measured runs)."""

__version__ = "0.1.0"
