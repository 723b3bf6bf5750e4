"""CLI subcommands, one module each; :mod:`kkik_xl.cli` registers them."""
