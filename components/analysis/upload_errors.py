"""The error an upload is refused with: plain sentences, each naming the line (or sheet row) and column."""


class UploadError(Exception):
    """An uploaded file cannot be read; ``problems`` are plain sentences naming line and column."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
