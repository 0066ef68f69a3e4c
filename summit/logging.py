"""Log formatting a school's IT person can read: one line per event."""

import logging


class OneLineFormatter(logging.Formatter):
    """Prints the exception's type and message on the same line instead of a
    multi-line traceback, and folds any newlines in the message."""

    def format(self, record):
        message = super().formatMessage(self._prepared(record))
        if record.exc_info and record.exc_info[0] is not None:
            error_type, error, _ = record.exc_info
            message += f" [{error_type.__name__}: {error}]"
        return " ".join(message.split("\n"))

    def _prepared(self, record):
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        return record
