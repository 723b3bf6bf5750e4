"""Coordinator: merge submissions, completeness and conflicts, national colours, trends and reports."""
