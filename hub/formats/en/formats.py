# English dates as the hub has always written them ("25 June 2018"), where
# Django's own English formats say "June 25, 2018". Other languages keep
# Django's formats; templates name formats ("DATE_FORMAT"), never patterns.
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
DATETIME_FORMAT = "j F Y H:i"
