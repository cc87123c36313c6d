"""The dashboard's four panes."""
