"""Labelled claims leave Newsdesk as files: the Export page, `manage.py export_claims` and the admin action.

Each module imports only those listed below it:

    form.py, download.py    the Export page's filters as an Export; an Export as a streamed download
    formats.py              the registry: every file format, by the name the page and the command use
    claims_csv.py, labels_csv.py, jsonl.py, checkthat.py    one class per file format
    export.py               Export (which claims, in which format, with whose labels) and FileFormat
    records.py, csv_lines.py    the claim record read from the database; CSV lines at speed
    streaming.py, spreadsheet.py    reading ahead from the database; the formula guard
"""
