"""The one error type readers raise: it names the input and the reason, on one line."""


class ReadError(Exception):
    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
