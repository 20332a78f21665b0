"""Screens: the main reading screen, the entity page, the help screen."""
