"""sitrep's terminal side: the `sitrep` command and the Textual dashboard."""
