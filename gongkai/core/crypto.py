"""Personal data encrypted at rest, and keyed hashes for the lookups that need equality.

`EncryptedTextField` stores `gk1$<Fernet token>` (AES-128-CBC + HMAC-SHA256, random IV: the same phone number
encrypts differently every time). Keys come from `GONGKAI_DATA_KEYS` (env `GONGKAI_DATA_KEY`, comma-separated,
newest first): the first key encrypts, every key decrypts, and `gongkai encryption rotate` re-encrypts every row
with the newest key so an old key can then be dropped.

Because ciphertext is random, the database cannot compare encrypted values: a lookup that needs equality (the
applicant's identity across requests, duplicate detection) uses a column holding `blind_index()`, an HMAC-SHA256
under the separate `GONGKAI_INDEX_KEY`. Filtering an encrypted column by a value raises instead of silently
matching nothing; only the empty value (stored as is, so "no e-mail given" stays queryable) and isnull work.
"""

import hashlib
import hmac
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact, In, IsNull

PREFIX = "gk1$"


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@cache
def _fernet(keys):
    from cryptography.fernet import Fernet, MultiFernet

    try:
        return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "GONGKAI_DATA_KEY 格式不正确：每个密钥应为 32 字节的 URL 安全 Base64 编码（Fernet 密钥）。"
        ) from exc


def fernet():
    keys = tuple(getattr(settings, "GONGKAI_DATA_KEYS", ()))
    if not keys:
        raise ImproperlyConfigured("未配置个人信息加密密钥 GONGKAI_DATA_KEY。")
    return _fernet(keys)


def generate_key():
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def is_encrypted(value):
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(value):
    """Ciphertext of a text; the empty text stays empty (and None stays None)."""
    if value is None or value == "":
        return value
    value = str(value)
    if is_encrypted(value):
        return value
    return PREFIX + fernet().encrypt(value.encode()).decode()


def decrypt(value):
    if not is_encrypted(value):
        return (
            value  # empty, or a row written before encryption was introduced (the migration encrypts those)
        )
    from cryptography.fernet import InvalidToken

    try:
        return fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "个人信息无法解密：密钥不匹配（检查 GONGKAI_DATA_KEY 是否包含加密时所用的密钥）。"
        ) from exc


def rotate(value):
    """The same plaintext under the newest key (no-op on empty values)."""
    if not is_encrypted(value):
        return encrypt(value)
    return PREFIX + fernet().rotate(value[len(PREFIX) :].encode()).decode()


def blind_index(purpose, value):
    """HMAC-SHA256 of a normalised value under GONGKAI_INDEX_KEY: equal inputs give equal keys, and a copy of the
    database without the key cannot test guesses (a phone number has only ~10⁹ possibilities)."""
    key = getattr(settings, "GONGKAI_INDEX_KEY", "") or settings.SECRET_KEY
    return hmac.new(key.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column whose content is stored encrypted. Python code sees plaintext; the database sees `gk1$…`."""

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "gongkai.core.crypto.EncryptedTextField", args, kwargs


class _NoValueLookup:
    def get_prep_lookup(self):
        values = self.rhs if isinstance(self.rhs, (list, tuple, set)) else [self.rhs]
        if any(v not in ("", None) for v in values):
            raise TypeError(
                f"{self.lhs.target.model.__name__}.{self.lhs.target.name} 已加密存储，不能按值查询；"
                "请使用对应的 HMAC 索引列（gongkai.core.crypto.blind_index）。"
            )
        return self.rhs


@EncryptedTextField.register_lookup
class EncryptedExact(_NoValueLookup, Exact):
    lookup_name = "exact"

    def get_prep_lookup(self):
        super().get_prep_lookup()
        return Exact.get_prep_lookup(self)


@EncryptedTextField.register_lookup
class EncryptedIn(_NoValueLookup, In):
    lookup_name = "in"


EncryptedTextField.register_lookup(IsNull)

# every other text lookup (contains, startswith, iexact, …) is meaningless on ciphertext: remove them
for _name in list(EncryptedTextField.get_lookups()):
    if _name not in ("exact", "in", "isnull"):

        @EncryptedTextField.register_lookup
        class _Refused(models.Lookup):
            lookup_name = _name

            def as_sql(self, compiler, connection):
                raise TypeError(f"加密字段不支持 {self.lookup_name} 查询。")


def encrypted_fields():
    """(model, [field names]) for every model with encrypted columns."""
    result = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            result.append((model, names))
    return result


def reencrypt_rows(model, field_names, *, transform=rotate, batch_size=500):
    """Rewrite every row's encrypted columns through `transform` (encrypt plaintext, or rotate to the newest key),
    reading and writing the raw stored values so the model's decryption is bypassed. Returns the rows changed."""
    changed = 0
    table = model._meta.db_table
    pk = model._meta.pk.column
    columns = [model._meta.get_field(n).column for n in field_names]
    from django.db import connection

    quote = connection.ops.quote_name
    last = None
    while True:
        with connection.cursor() as cursor:
            where = f"WHERE {quote(pk)} > %s " if last is not None else ""
            cursor.execute(
                f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} FROM {quote(table)} "  # noqa: S608 — names from the model
                f"{where}ORDER BY {quote(pk)} LIMIT {int(batch_size)}",
                [last] if last is not None else [],
            )
            rows = cursor.fetchall()
        if not rows:
            return changed
        for row in rows:
            last = row[0]
            new = [transform(v) for v in row[1:]]
            if list(new) != list(row[1:]):
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {', '.join(f'{quote(c)} = %s' for c in columns)} "  # noqa: S608 — names from the model
                        f"WHERE {quote(pk)} = %s",
                        [*new, row[0]],
                    )
                changed += 1


# --- files ------------------------------------------------------------------------------------------------------
# A private file (an ID scan, an FOI applicant's materials, a message's attachment, a released document) is stored
# as FILE_MAGIC followed by records: a 4-byte big-endian length and one Fernet token (binary, not Base64) of
# `<8-byte chunk number><1-byte last-chunk flag><up to FILE_CHUNK bytes>`. Each chunk is authenticated on its own,
# so a download decrypts and streams chunk by chunk; the number and the flag inside the authenticated plaintext
# make a reordered, repeated or truncated file fail to decrypt instead of yielding altered content.
FILE_MAGIC = b"GKF1\n"
FILE_CHUNK = 64 * 1024


def is_encrypted_file(head):
    """True if `head` (the file's first bytes) starts with the encrypted-file marker."""
    return head[: len(FILE_MAGIC)] == FILE_MAGIC


def _read_chunks(fileobj, size=FILE_CHUNK):
    while True:
        data = fileobj.read(size)
        if not data:
            return
        yield data


def encrypt_file_chunks(chunks, *, multi=None):
    """The stored form of a file given as an iterable of plaintext byte strings (any sizes)."""
    import base64

    multi = multi or fernet()
    yield FILE_MAGIC
    buffer = b""
    number = 0

    def record(data, last):
        token = base64.urlsafe_b64decode(
            multi.encrypt(number.to_bytes(8, "big") + (b"\x01" if last else b"\x00") + data)
        )
        return len(token).to_bytes(4, "big") + token

    for chunk in chunks:
        buffer += chunk
        while len(buffer) > FILE_CHUNK:
            yield record(buffer[:FILE_CHUNK], False)
            buffer = buffer[FILE_CHUNK:]
            number += 1
    yield record(buffer, True)


def decrypt_file_chunks(fileobj):
    """The plaintext of an encrypted file (an open binary file positioned at its start), chunk by chunk."""
    import base64

    from cryptography.fernet import InvalidToken

    if fileobj.read(len(FILE_MAGIC)) != FILE_MAGIC:
        raise DecryptionError("文件不是加密存储格式。")
    multi = fernet()
    number = 0
    while True:
        size = fileobj.read(4)
        if len(size) != 4:
            raise DecryptionError("加密文件不完整（缺少结尾部分），可能已被截断。")
        token = fileobj.read(int.from_bytes(size, "big"))
        try:
            plain = multi.decrypt(base64.urlsafe_b64encode(token))
        except InvalidToken as exc:
            raise DecryptionError(
                "文件无法解密：密钥不匹配或文件已被改动（检查 GONGKAI_DATA_KEY 是否包含加密时所用的密钥）。"
            ) from exc
        if int.from_bytes(plain[:8], "big") != number:
            raise DecryptionError("加密文件的分块顺序不对，文件已被改动。")
        yield plain[9:]
        if plain[8:9] == b"\x01":
            if fileobj.read(1):
                raise DecryptionError("加密文件结尾之后还有数据，文件已被改动。")
            return
        number += 1


def reencrypt_file(path, *, transform="rotate"):
    """Rewrite one stored file in place (a temporary file beside it, then an atomic rename): "encrypt" a plain file,
    "rotate" an encrypted one to the newest key, "decrypt" back to plain (the migration's reverse). Returns True
    if the file was rewritten."""
    import os
    import tempfile

    with open(path, "rb") as fh:
        encrypted = is_encrypted_file(fh.read(len(FILE_MAGIC)))
        fh.seek(0)
        if (transform == "encrypt" and encrypted) or (transform == "decrypt" and not encrypted):
            return False
        if encrypted:
            plain = decrypt_file_chunks(fh)
        else:
            plain = _read_chunks(fh)
        out = plain if transform == "decrypt" else encrypt_file_chunks(plain)
        folder = os.path.dirname(path)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".gk-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as target:
                for data in out:
                    target.write(data)
            os.chmod(temporary, os.stat(path).st_mode & 0o777)
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise
    return True
