"""The fake xlwings objects cannot drift: every public name exists on the real xlwings class."""

from __future__ import annotations

import importlib
import inspect

import pytest
import xlwings
from fake_xlwings import FAKES_AND_REAL_NAMES

from kkik_xl.xl import buttons, macros, marking_xlwings, submission_adapter, validation_adapter

TEST_ONLY = {"wb", "ws", "saves", "alerts"}  # what tests inspect; the adapters never touch these


def _real(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(f"xlwings.{module}") if module else xlwings, name)


def _public(cls: type) -> set[str]:
    return {n for n, _ in inspect.getmembers(cls) if not n.startswith("_")} | {
        n for n in vars(cls) if not n.startswith("_")
    }


@pytest.mark.parametrize(
    ("fake", "real"), FAKES_AND_REAL_NAMES.items(), ids=lambda x: getattr(x, "__name__", x)
)
def test_fake_names_exist_on_real_xlwings(fake: type, real: str) -> None:
    real_cls = _real(real)
    own = _public(fake) - TEST_ONLY
    missing = sorted(n for n in own if not hasattr(real_cls, n))
    assert not missing, f"{fake.__name__} has {missing}, which xlwings.{real} does not"


def test_adapters_only_use_faked_names() -> None:
    """Every attribute the adapters call on book/sheet/range objects is implemented by a fake."""
    faked = set().union(*(_public(f) for f in FAKES_AND_REAL_NAMES))
    used = {
        "sheets",
        "range",
        "color",
        "note",
        "add_note",
        "text",
        "delete",
        "used_range",
        "last_cell",
        "row",
    }
    used |= {
        "value",
        "clear_contents",
        "add_hyperlink",
        "add",
        "api",
        "name",
        "save",
        "fullname",
        "alert",
        "app",
    }
    assert used <= faked
    adapters = (buttons, macros, marking_xlwings, submission_adapter, validation_adapter)
    source = "".join(inspect.getsource(m) for m in adapters)
    for name in used:
        assert f".{name}" in source, f"{name} is faked but no longer used; drop it from the fake"


@pytest.mark.parametrize(
    ("fake", "real"), FAKES_AND_REAL_NAMES.items(), ids=lambda x: getattr(x, "__name__", x)
)
def test_fake_members_have_the_real_kind_and_parameters(fake: type, real: str) -> None:
    """A fake property is a property on xlwings too; a fake method takes the real parameters, in order."""
    real_cls = _real(real)
    for name in sorted(_public(fake) - TEST_ONLY):
        ours, theirs = inspect.getattr_static(fake, name), inspect.getattr_static(real_cls, name)
        if isinstance(ours, property):
            assert isinstance(theirs, property), f"{real}.{name} is not a property"
            assert ours.fset is None or theirs.fset is not None, f"{real}.{name} cannot be set"
            continue
        if not callable(ours):
            continue
        fake_params = list(inspect.signature(ours).parameters)
        real_params = list(inspect.signature(theirs).parameters)
        assert fake_params == real_params[: len(fake_params)], (name, fake_params, real_params)
