"""The recommendation report: its context (pure) and its PDF rendering (ReportLab)."""
