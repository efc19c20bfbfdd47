"""One-line errors: every failure the user can cause ends the tool with one line on
stderr that names the file, the place and what was expected (exit status 1)."""


class ToolError(Exception):
    """A problem with the user's input, told in one line."""


def one_line(text: str) -> str:
    """Collapse a library's multi-line message into one line."""
    return " ".join(str(text).split())
