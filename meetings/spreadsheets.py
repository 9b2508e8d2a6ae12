"""CSV files that a spreadsheet cannot turn into code (OWASP's "CSV Injection"): every CSV the portal makes is
written through these writers.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (``=HYPERLINK(…)`` leaks data, ``=1+2`` computes); a leading apostrophe makes it text, and
the spreadsheet shows the cell without it. The text of the record is otherwise unchanged (the JSON is not touched).
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """The value, or, if it is text a spreadsheet would read as a formula, the same text after an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeDictWriter(csv.DictWriter):
    def writerow(self, rowdict):
        return super().writerow({key: spreadsheet_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


class SafeWriter:
    """``csv.writer`` with every cell made safe."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
