"""kkik-xl: KKiK reporting (Kommunens Kvalitet i Korthet) from Excel — correct, fast and auditable."""

__version__ = "0.1.0"
