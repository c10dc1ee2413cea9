"""Citizens' files (FOI applicants' materials, the attachments of messages and error reports, the documents released
with a reply): kept under `GONGKAI_PRIVATE_ROOT`, outside MEDIA_ROOT, so no URL reaches them, under random names
(nothing in a name says whose file it is or can be guessed from a case code).

Every file is encrypted at rest with the platform's data key (`GONGKAI_DATA_KEY`, gongkai/core/crypto.py: the
storage encrypts on save and decrypts on open, chunk by chunk), so a copy of the folder or of a backup without the
key reveals nothing. Only a view that has checked who asks hands one out, through `serve()`, which decrypts and
streams it. nginx cannot send an encrypted file itself: `X-Accel-Redirect` (to its `internal` location,
`GONGKAI_PRIVATE_ACCEL`: deploy/nginx-*.conf) is used only for a file still stored in clear — one written before
encryption, which the migrations `0006_encrypt_private_files` of foi and interaction encrypt in place.
"""

import io
import os
import re
import secrets
import tempfile
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from . import crypto


class PrivateRootStorage(FileSystemStorage):
    """A file system storage rooted at `GONGKAI_PRIVATE_ROOT`, read when used (not when the model is imported), out
    of nginx's /media/ (`core/checks.py` refuses a private root inside MEDIA_ROOT); backed up as the private files
    (operations/backup.py)."""

    def __init__(self):
        super().__init__()

    def url(self, name):
        """No address of its own, instead of FileSystemStorage's MEDIA_URL one: Wagtail's `Document.url` and its
        document view take NotImplementedError from `url` to mean "served by the permission-checked view"."""
        raise NotImplementedError("非公开存储中的文件没有直接网址，只经核验权限的下载视图提供。")

    @property
    def base_location(self):
        return settings.GONGKAI_PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class PrivateStorage(PrivateRootStorage):
    """Citizens' files: encrypted at rest, and a link to one must never exist."""

    def url(self, name):
        raise ValueError("非公开文件没有网址，只能经核验身份的下载页面获取。")

    def _save(self, name, content):
        """Write the ciphertext, never the plaintext: encrypted into a spooled temporary file (in memory up to
        8 MiB) that the file system storage then stores under `name`."""
        if hasattr(content, "seek"):
            content.seek(0)
        with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spooled:
            for data in crypto.encrypt_file_chunks(content.chunks()):
                spooled.write(data)
            spooled.seek(0)
            return super()._save(name, File(spooled, name=name))

    def _open(self, name, mode="rb"):
        """The plaintext: decrypted while it is read; a file stored in clear (before encryption) as it is."""
        if "b" not in mode or any(c in mode for c in "wa+"):
            raise ValueError("非公开文件只能以二进制只读方式打开（写入须经 save()，以便加密）。")
        raw = open(self.path(name), "rb")  # handed to the caller, who closes it
        if not crypto.is_encrypted_file(raw.read(len(crypto.FILE_MAGIC))):
            raw.seek(0)
            return File(raw, name=name)
        raw.seek(0)
        return File(io.BufferedReader(_DecryptingReader(raw)), name=name)

    def is_encrypted(self, name):
        with open(self.path(name), "rb") as raw:
            return crypto.is_encrypted_file(raw.read(len(crypto.FILE_MAGIC)))

    def plaintext_chunks(self, name):
        """The decrypted content of an encrypted file, chunk by chunk; the file is closed when the iteration ends
        or is abandoned (a client that disconnects mid-download)."""
        with open(self.path(name), "rb") as raw:
            yield from crypto.decrypt_file_chunks(raw)


class _DecryptingReader(io.RawIOBase):
    """A read-only raw stream over `crypto.decrypt_file_chunks`, so `storage.open(name).read()` gives plaintext."""

    def __init__(self, raw):
        self._raw = raw
        self._chunks = crypto.decrypt_file_chunks(raw)
        self._pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self._pending:
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def close(self):
        if not self.closed:
            self._chunks.close()
            self._raw.close()
        super().close()


_storage = PrivateStorage()


def private_storage():
    return _storage


def random_name(folder, filename):
    """`folder/<32 random characters>.<extension>`: the extension (letters and digits only, at most 8) is kept so
    the type stays visible to staff; the rest of the uploaded name is dropped."""
    suffix = os.path.splitext(filename or "")[1].lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix) else ""
    return f"{folder}/{secrets.token_urlsafe(24)}{suffix}"


def serve(fieldfile, *, filename, content_type="application/octet-stream"):
    """The response handing one private file to a person the calling view has already checked: an encrypted file
    decrypted and streamed by Django, a legacy plain one through nginx when `GONGKAI_PRIVATE_ACCEL` is set."""
    if not isinstance(fieldfile.storage, PrivateStorage):
        raise ImproperlyConfigured("只有非公开存储中的文件才通过 privatefiles.serve 下载。")
    storage = fieldfile.storage
    if not fieldfile.name or not storage.exists(fieldfile.name):
        raise Http404("文件不存在或已被删除。")
    accel = settings.GONGKAI_PRIVATE_ACCEL
    if storage.is_encrypted(fieldfile.name):
        # decrypted here and streamed in chunks: nginx would send the ciphertext
        response = StreamingHttpResponse(storage.plaintext_chunks(fieldfile.name), content_type=content_type)
    elif accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(fieldfile.name)}"
    else:
        response = FileResponse(fieldfile.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def move_stored_files(model, field_name, folder, *, to_private=True):
    """For the data migrations that took citizens' files out of MEDIA_ROOT: copy each row's file to the other
    storage (into the private one under a fresh random name), point the row at the copy, and delete the original
    once the migration's transaction has committed — a failed migration leaves every original in place. A row
    whose file is already missing is left as it is. Returns the number of files moved."""
    from django.core.files.storage import default_storage
    from django.db import transaction

    source, target = (default_storage, _storage) if to_private else (_storage, default_storage)
    moved = 0
    for row in model.objects.exclude(**{field_name: ""}).only("pk", field_name).iterator():
        old = getattr(row, field_name).name
        if not source.exists(old):
            continue
        new_name = random_name(folder, old) if to_private else f"{folder}/{os.path.basename(old)}"
        with source.open(old, "rb") as content:
            new = target.save(new_name, content)
        model.objects.filter(pk=row.pk).update(**{field_name: new})
        transaction.on_commit(lambda old=old: source.delete(old))
        moved += 1
    return moved


def encrypt_stored_files(model, field_name, *, transform="encrypt"):
    """For the data migrations that encrypt the files stored before encryption at rest (and their reverse,
    transform="decrypt"): rewrite each row's file in place, atomically per file (`crypto.reencrypt_file`); a
    missing file is skipped. Also `gongkai encryption rotate` (transform="rotate"). Returns the files rewritten."""
    changed = 0
    for name in model.objects.exclude(**{field_name: ""}).values_list(field_name, flat=True).iterator():
        path = _storage.path(name)
        if os.path.isfile(path) and crypto.reencrypt_file(path, transform=transform):
            changed += 1
    return changed
