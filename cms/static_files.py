"""WhiteNoise, with its table of the static files built once per process."""

from typing import ClassVar

from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, reading the static files' metadata once per process, not once per instance.

    Wagtail answers a preview through a handler of its own that loads every middleware anew
    (`PreviewableMixin.make_preview_request`), and WhiteNoise reads the metadata of every
    static file when it is made: with the thousands of files `collectstatic` writes, that was
    about 60 ms of each preview an editor or a council opens, as much as the page itself. The
    files change only with a deploy, which starts new processes.
    """

    # (root, prefix) → WhiteNoise's entries for the files under it, shared by every instance.
    _scanned: ClassVar[dict[tuple[str, str | None], dict]] = {}

    def add_files(self, root, prefix=None):
        if self.autorefresh:  # DEBUG: WhiteNoise reads nothing up front, so nothing to share
            return super().add_files(root, prefix)
        key = (str(root), prefix)
        if key not in self._scanned:
            earlier, self.files = self.files, {}
            super().add_files(root, prefix)
            self._scanned[key] = self.files
            self.files = earlier
        # As WhiteNoise does: the files added later win over earlier ones at the same address.
        self.files.update(self._scanned[key])
