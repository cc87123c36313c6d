"""Modal screens: help, pickers, export."""
