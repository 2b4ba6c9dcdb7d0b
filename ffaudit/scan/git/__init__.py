"""Git plumbing that feeds the staged and history scans."""
