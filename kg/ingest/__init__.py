"""Event tables imported as machine-coded events (``kg import``)."""
