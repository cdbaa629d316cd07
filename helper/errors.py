"""The error hierarchy: every error a user can cause is a ValueError that says where and what."""

from __future__ import annotations


class OutreachError(ValueError):
    """A problem the user can act on: `str(error)` is one sentence saying what and where."""

    def __init__(self, message: str, *, location: str = "", value: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.value = value

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ImportRefused(OutreachError):
    """The whole file cannot be imported (unreadable, wrong format, archive bomb)."""


class ProfileUnreadable(OutreachError):
    """Pasted text or HTML that holds no profile we can read."""


class StoreUnavailable(OutreachError):
    """The database named by `DATABASE_URL` cannot be reached or refuses the connection."""


class RestoreRefused(OutreachError):
    """A file offered to `restore` that is not a backup of this schema."""


class NotFound(OutreachError):
    """A contact, goal or event id that does not exist."""


class TeamModeUnavailable(OutreachError):
    """Team mode asked of a database that cannot hold it, or not set up yet."""


class SignInRefused(OutreachError):
    """A sign-in, password link or account change the team server refuses."""


class SyncFailed(OutreachError):
    """A push to the user's calendar server that did not happen: wrong password, server out of
    reach, calendar missing, certificate refused."""
