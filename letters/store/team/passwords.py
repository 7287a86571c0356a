"""PostgreSQL SCRAM-SHA-256 password verifiers, computed here so a password never leaves us.

`letters team add-user` sends `CREATE ROLE ... PASSWORD 'SCRAM-SHA-256$4096:<salt>$<stored>:<server>'`:
PostgreSQL stores a verifier it is given as it is (RFC 5802/7677: a salted, iterated hash from
which the password cannot be read back), so the password itself never appears in a statement, a
server log or `pg_stat_activity`. The password is prepared with SASLprep (RFC 4013) exactly as
PostgreSQL and libpq do, including their rule that a password SASLprep refuses is used as it is.

No database here, and nothing logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import stringprep
import unicodedata

ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)
SALT_BYTES = 16


def _prohibited(ch: str) -> bool:
    return (
        stringprep.in_table_c12(ch)
        or stringprep.in_table_c21_c22(ch)
        or stringprep.in_table_c3(ch)
        or stringprep.in_table_c4(ch)
        or stringprep.in_table_c5(ch)
        or stringprep.in_table_c6(ch)
        or stringprep.in_table_c7(ch)
        or stringprep.in_table_c8(ch)
        or stringprep.in_table_c9(ch)
        or stringprep.in_table_a1(ch)  # unassigned code points
    )


def saslprep(password: str) -> bytes:
    """The bytes PostgreSQL hashes for `password` (its `pg_saslprep`, and libpq's)."""
    raw = password.encode("utf-8")
    if password.isascii():
        # PostgreSQL skips SASLprep for pure ASCII (its mapping leaves ASCII alone, and it keeps
        # control characters rather than refusing them).
        return raw
    # As PostgreSQL orders it: a non-ASCII space (C.1.2, which includes U+200B) becomes a space
    # before anything "commonly mapped to nothing" (B.1, which also lists U+200B) is dropped.
    mapped = "".join(
        " " if stringprep.in_table_c12(ch) else ("" if stringprep.in_table_b1(ch) else ch) for ch in password
    )
    normal = unicodedata.normalize("NFKC", mapped)
    if not normal or any(_prohibited(ch) for ch in normal):
        return raw  # PostgreSQL: "use the password as it is"
    rtl = [stringprep.in_table_d1(ch) for ch in normal]
    if any(rtl):
        if any(stringprep.in_table_d2(ch) for ch in normal) or not (rtl[0] and rtl[-1]):
            return raw
    return normal.encode("utf-8")


def scram_verifier(password: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The verifier PostgreSQL keeps for `password`, in the form `CREATE ROLE ... PASSWORD` takes."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
