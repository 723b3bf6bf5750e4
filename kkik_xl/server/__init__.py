"""``kkik-xl serve``: the HTTP service (API, web page) over the same functions as the CLI.

Modules: :mod:`config` (settings), :mod:`app` (the FastAPI factory), :mod:`api` and :mod:`functions_api`
(the stable HTTP API), :mod:`pages` (the web pages), :mod:`limits` (worker pool, time limit),
:mod:`uploads` (size limit, temporary files), :mod:`security` (headers, origin checks),
:mod:`storage` (SQLite: stored submissions, audit log), :mod:`errors` (Swedish JSON errors).
"""
