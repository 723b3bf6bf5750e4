"""Operating-system errors in Swedish: why a file could not be written or read, and what to do."""

from __future__ import annotations

import errno

WINDOWS_SHARING = (32, 33)
"""ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: the file is open in another program."""

_LOCKED = (
    "filen är öppen eller låst i ett annat program",
    "Stäng filen (till exempel i Excel) och försök igen.",
)
_DENIED = (
    "åtkomst nekad – mappen är skrivskyddad, du saknar behörighet eller filen är öppen i ett annat program",
    "Stäng filen om den är öppen (till exempel i Excel), eller välj en mapp där du får skriva (--out).",
)
_BY_NAME: dict[str, tuple[str, str]] = {
    "EACCES": _DENIED,
    "EPERM": _DENIED,
    "ENOENT": ("mappen finns inte", "Kontrollera sökvägen, eller skapa mappen först."),
    "EISDIR": (
        "det finns redan en mapp med det namnet",
        "Ange ett filnamn, inte en mapp, eller välj ett annat namn.",
    ),
    "ENOTDIR": (
        "en del av sökvägen är en fil, inte en mapp",
        "Välj en annan mapp, eller byt namn på filen som står i vägen.",
    ),
    "EEXIST": (
        "en del av sökvägen är en fil, inte en mapp",
        "Välj en annan mapp, eller byt namn på filen som står i vägen.",
    ),
    "ENOSPC": ("disken är full", "Frigör utrymme på disken eller välj en annan disk, och försök igen."),
    "EDQUOT": (
        "din lagringskvot på disken är slut",
        "Ta bort filer du inte behöver eller välj en annan disk, och försök igen.",
    ),
    "EROFS": ("disken eller enheten är skrivskyddad", "Välj en mapp på en disk där du får skriva."),
    "ENAMETOOLONG": (
        "sökvägen eller filnamnet är för långt",
        "Välj en kortare sökväg eller ett kortare namn.",
    ),
    "EBUSY": _LOCKED,
    "ETXTBSY": _LOCKED,
    "EIO": ("läs- eller skrivfel på disken", "Försök igen; kontrollera disken eller välj en annan."),
    "EINVAL": (
        "namnet är inte tillåtet som filnamn",
        'Välj ett namn utan tecken som \\ / : * ? " < > |.',
    ),
}
_BY_ERRNO = {getattr(errno, name): text for name, text in _BY_NAME.items() if hasattr(errno, name)}
"""Only the codes the platform has (EDQUOT, ETXTBSY are not on every system)."""


def reason_and_advice(error: BaseException) -> tuple[str, str]:
    """(why, what to do) in Swedish for an OSError, without the English text of the system."""
    if getattr(error, "winerror", None) in WINDOWS_SHARING:
        return _LOCKED
    code = getattr(error, "errno", None)
    if isinstance(code, int) and code in _BY_ERRNO:
        return _BY_ERRNO[code]
    name = errno.errorcode.get(code, "okänt") if isinstance(code, int) else type(error).__name__
    return (f"operativsystemet vägrade ({name})", "Försök igen, eller välj en annan mapp.")
