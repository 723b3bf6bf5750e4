"""The explicit list of rules, in the order they run. Adding a rule = one module + one line here."""

from __future__ import annotations

from kkik_xl.excel import read_codes  # noqa: F401  (reader codes share the registry)
from kkik_xl.rules import (
    date_order,
    duplicates,
    fingerprint_check,
    id_spaces,
    jump,
    lss_count,
    outliers,
    period,
    personal_data,
    phone_calls,
    quality_columns,
    ranges,
    required,
    setting_columns,
    small_numbers,
    submittable,
    template_checks,
    visits,
    waits,
)
from kkik_xl.rules.base import Rule

RULES: tuple[Rule, ...] = (
    template_checks.RULE,
    submittable.RULE,
    fingerprint_check.RULE,
    quality_columns.RULE,
    required.RULE,
    phone_calls.RULE,
    setting_columns.RULE,
    ranges.RULE,
    duplicates.RULE,
    id_spaces.RULE,
    personal_data.RULE,
    period.RULE,
    date_order.RULE,
    waits.RULE,
    visits.RULE,
    lss_count.RULE,
    outliers.RULE,
    small_numbers.RULE,
    jump.RULE,
)
