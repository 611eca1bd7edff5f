"""The demo model rendered into each export format, one module per format."""
