"""Reasons why a recording's audio cannot be served."""


class AudioUnavailable(Exception):
    """The location names no file this app may serve: missing, unsafe, or outside the cluster.

    The view returns 404 and logs RECORDING UNAVAILABLE. ``str(error)`` is for the
    app's log, never for the page.
    """


class NoRecording(AudioUnavailable):
    """The recording does not exist or its location is empty (access_result NO RECORDING)."""


class UpstreamFailed(Exception):
    """The recording server could not be reached, timed out or sent an unusable reply.

    ``status`` is the HTTP status the view returns: 502, or 504 for a timeout.
    """

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status
