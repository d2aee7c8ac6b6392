"""Pure functions that build the dashboard's component trees; ids.py names every component."""
