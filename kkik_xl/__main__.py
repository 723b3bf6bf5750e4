"""``python -m kkik_xl`` runs the CLI."""

from kkik_xl.cli import main

main()
