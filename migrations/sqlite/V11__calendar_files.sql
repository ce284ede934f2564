-- V11: iCalendar import (ARCHITECTURE.md, "Planning").
--
-- An occurrence of a repeating event deleted on its own (an `EXDATE`, or a
-- person deleting "this one") is a deleted row of the series; the calendar
-- reads those rows to hide the occurrence, through this index.
CREATE INDEX spark_events_by_series ON spark_events (series_id, occurrence_at) WHERE series_id IS NOT NULL;
