"""The secretary's button: a year of the record as an archival package, checked, downloaded as one ZIP file."""

import shutil
import tempfile
from pathlib import Path

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.package import write_package
from archive.validate import validate
from meetings.models import Meeting
from meetings.permissions import secretary_required, working_body


@secretary_required
def export(request):
    body = working_body(request)
    years = sorted({d.year for d in Meeting.objects.filter(body=body).dates("date", "year")}, reverse=True)
    raw = request.POST.get("year", "") if request.method == "POST" else ""
    error = ""
    if request.method == "POST":
        year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 4 else None
        if year not in years:
            error = _("Choose one of the years with meetings.")
        else:
            return _package_download(body, year)
    return render(request, "staff/archive.html", {"years": years, "error": error, "chosen": raw,
                                                  "this_year": timezone.localdate().year},
                  status=400 if error else 200)  # fmt: skip


def _package_download(body, year: int) -> FileResponse:
    workdir = Path(tempfile.mkdtemp(prefix="sro-archive-"))
    try:
        package = write_package(body=body, year=year, into=workdir)
        problems = validate(package.root)
        if problems:  # never handed out: the rules it breaks are the portal's own fault
            raise RuntimeError("The archival package breaks its rules: " + "; ".join(problems))
        archive = shutil.make_archive(str(workdir / package.identifier), "zip", workdir, package.identifier)
        shutil.rmtree(package.root)
        return FileResponse(_Removed(archive, workdir), as_attachment=True, filename=f"{package.identifier}.zip",
                            content_type="application/zip")  # fmt: skip
    except Exception:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


class _Removed:
    """The ZIP file, read once and removed with its folder when the response is done with it."""

    def __init__(self, path: str, folder: Path):
        self._file = open(path, "rb")  # noqa: SIM115  (closed by the response)
        self._folder = folder

    def read(self, size=-1):
        return self._file.read(size)

    def close(self):
        self._file.close()
        shutil.rmtree(self._folder, ignore_errors=True)
