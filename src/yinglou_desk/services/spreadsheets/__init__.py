"""Opening the spreadsheets studios are sent and keep: .xlsx, .xls, .ods and CSV, as grids of values."""
