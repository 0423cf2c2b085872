"""Pure renderers: functions from a Catalog to text. No I/O, no clock reads."""
