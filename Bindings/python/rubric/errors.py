"""The exception the package raises for compile errors and refused calls."""


class RubricError(Exception):
    """A rubric that does not compile, or a call the library refused.

    `code`, `line` and `column` locate the first error (for compile errors: its stable code,
    e.g. "E0201", and its position in the rubric); `diagnostics` lists every diagnostic as
    dicts (code, severity, message, file, line, column, end_line, end_column, source_line,
    notes); `status` is the library's status name, e.g. "compile_error" or "invalid_option".
    """

    def __init__(self, message, status, diagnostics=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.diagnostics = diagnostics or []
        errors = [d for d in self.diagnostics if d.get("severity") == "error"] or self.diagnostics
        first = errors[0] if errors else {}
        self.code = first.get("code")
        self.line = first.get("line")
        self.column = first.get("column")
