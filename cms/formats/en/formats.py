"""English as the site writes it: British dates and 24-hour times ("1 November 2021, 08:00").

Django's `en` formats are American ("Nov. 1, 2021, 8 a.m."); the site's English is British,
as its `og:locale` (en_GB) says. Inputs take British day-first dates, as `en_GB` does.
"""

from django.conf.locale.en_GB.formats import (
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    FIRST_DAY_OF_WEEK,
)

DATE_FORMAT = "j F Y"  # 1 November 2021
TIME_FORMAT = "H:i"  # 08:00
DATETIME_FORMAT = "j F Y, H:i"  # 1 November 2021, 08:00
YEAR_MONTH_FORMAT = "F Y"  # November 2021
MONTH_DAY_FORMAT = "j F"  # 1 November
SHORT_DATE_FORMAT = "d/m/Y"  # 01/11/2021
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 01/11/2021 08:00

__all__ = [
    "DATE_FORMAT",
    "DATE_INPUT_FORMATS",
    "DATETIME_FORMAT",
    "DATETIME_INPUT_FORMATS",
    "FIRST_DAY_OF_WEEK",
    "MONTH_DAY_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
]
