MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """A search string made safe for every backend.

    Removes NUL bytes and the field:value, phrase and grouping syntax that a
    backend might try to parse (and fail on), and bounds the length, so any
    visitor input gives results or none, never an error.
    """
    text = (raw or "").replace("\x00", " ")
    for char in '":()[]{}\\^~*!<>|&+=':
        text = text.replace(char, " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()
