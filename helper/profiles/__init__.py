"""One person read from what the user pasted: text copied from a LinkedIn profile page, a saved
page's HTML, or any other text about someone. Pure: bytes or text in, a `ProfileRecord` out."""

from helper.profiles.reader import MAX_INPUT_BYTES, parse_profile

__all__ = ["MAX_INPUT_BYTES", "parse_profile"]
