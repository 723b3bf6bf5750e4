"""Validation rules: one small module per rule, an explicit registry, stable ``KKIK-XX-000`` codes.

``validate_workbook`` reads a file once, runs every rule on the typed frames, computes the measures
from the same frames and returns a :class:`ValidationReport`.
"""

from __future__ import annotations

from kkik_xl.rules.base import Rule, RuleContext
from kkik_xl.rules.engine import ValidationReport, validate_workbook
from kkik_xl.rules.registry import RULES

__all__ = ["RULES", "Rule", "RuleContext", "ValidationReport", "validate_workbook"]
