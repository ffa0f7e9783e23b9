"""Derivative templates: the library's data. Importing a module registers its rules."""
