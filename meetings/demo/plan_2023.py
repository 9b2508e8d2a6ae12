"""SRO's meetings of 2023, as the notes of 19 October 2022 decided them (item 8, "Datum och tider för SRO år
2023", ``shared/seeds/004_0ee1875f1cad063e.txt``): six Thursdays (28 April a Friday), 13.00 to 14.50 after the
ten minutes the position took off the end; the January meeting cancelled "då nya förtroendevalda inte hunnit
tillträda". Form and place are not in the notes: the place says so."""

import datetime

DATES = [
    datetime.date(2023, 1, 12),
    datetime.date(2023, 2, 23),
    datetime.date(2023, 4, 28),
    datetime.date(2023, 6, 1),
    datetime.date(2023, 9, 7),
    datetime.date(2023, 11, 23),
]
START = datetime.time(13, 0)
END = datetime.time(14, 50)
LOCATION = "Uppgift saknas i underlaget"

CANCELLED = datetime.date(2023, 1, 12)
CANCELLED_REASON = "Januarimötet utgår då nya förtroendevalda inte hunnit tillträda."
