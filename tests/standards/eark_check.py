"""Run E-ARK's own ``eark-validator`` on a package folder and print its findings as JSON, one per line.

It runs in a virtual environment of its own (``.venv-eark``, made by ``make test`` from requirements-eark.txt):
eark-validator 1.1.3 pins lxml 5.1.0, the portal lxml 6.1.3. At import the validator downloads four CSIP
vocabularies from earkcsip.dilcis.eu; here they are answered from the identical copies beside this file (the
E-ARK-CSIP repository's ``schema/`` folder), through an opener installed before the import, so the validator's
own code is unchanged and the tests need no network.

    .venv-eark/bin/python tests/standards/eark_check.py PACKAGE_FOLDER
"""

import io
import json
import sys
import urllib.error
import urllib.request
import urllib.response
from email.message import Message
from pathlib import Path

VOCABULARIES = Path(__file__).resolve().parent / "csip_vocabularies"
PREFIX = "https://earkcsip.dilcis.eu/schema/"


class LocalVocabularies(urllib.request.BaseHandler):
    handler_order = 100  # before urllib's own HTTPS handler

    def https_open(self, request):
        url = request.full_url
        name = url[len(PREFIX) :] if url.startswith(PREFIX) else ""
        path = VOCABULARIES / name
        if not name or "/" in name or not path.is_file():
            raise urllib.error.URLError(f"no network in the tests, and no local copy of {url}")
        response = urllib.response.addinfourl(io.BytesIO(path.read_bytes()), Message(), url, 200)
        response.msg = "OK"
        return response


def main(folder: str) -> int:
    urllib.request.install_opener(urllib.request.build_opener(LocalVocabularies))
    # Imported only now, on purpose: the vocabularies are fetched at import, through the opener just installed.
    from eark_validator.packages import PackageValidator
    from eark_validator.specifications.specification import SpecificationVersion

    report = PackageValidator(Path(folder), SpecificationVersion.V2_1_0).validation_report
    results = list(report.structure.messages) if report.structure else []
    if report.metadata:
        results += report.metadata.schema_results.messages + report.metadata.schematron_results.messages
    for result in results:
        print(json.dumps({"rule": result.rule_id, "severity": result.severity.value, "location": result.location,
                          "message": result.message}, ensure_ascii=False))  # fmt: skip
    structure = report.structure.status.value if report.structure else None
    metadata = report.metadata.schematron_results.status.value if report.metadata else None
    print(json.dumps({"structure": structure, "metadata": metadata}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
