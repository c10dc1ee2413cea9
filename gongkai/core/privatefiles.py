"""Citizens' files (FOI applicants' materials, the attachments of messages and error reports, the documents released
with a reply): kept under `GONGKAI_PRIVATE_ROOT`, outside MEDIA_ROOT, so no URL reaches them, under random names
(nothing in a name says whose file it is or can be guessed from a case code).

Only a view that has checked who asks hands one out, through `serve()`: in production nginx sends the bytes
(`X-Accel-Redirect` to its `internal` location, `GONGKAI_PRIVATE_ACCEL`: deploy/nginx-*.conf), in the embedded
mode the view streams them itself.
"""

import os
import re
import secrets
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


class PrivateStorage(FileSystemStorage):
    """A file system storage rooted at `GONGKAI_PRIVATE_ROOT`, read when used (not when the model is imported) and
    with no URL: `FileSystemStorage` would fall back to MEDIA_URL, and a link under /media/ must never exist."""

    def __init__(self):
        super().__init__()

    @property
    def base_location(self):
        return settings.GONGKAI_PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("非公开文件没有网址，只能经核验身份的下载页面获取。")


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
    """The response handing one private file to a person the calling view has already checked."""
    if not isinstance(fieldfile.storage, PrivateStorage):
        raise ImproperlyConfigured("只有非公开存储中的文件才通过 privatefiles.serve 下载。")
    if not fieldfile.name or not fieldfile.storage.exists(fieldfile.name):
        raise Http404("文件不存在或已被删除。")
    accel = settings.GONGKAI_PRIVATE_ACCEL
    if accel:
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
