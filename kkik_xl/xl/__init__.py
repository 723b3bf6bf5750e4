"""Thin xlwings adapters: worksheet functions (UDFs), macros and the ribbon button. No measure or rule logic.

Installation support lives here too: the controller add-in (:mod:`addin`), the xlwings user
configuration (:mod:`xlwings_config`), the installer's Python steps (:mod:`installation`) and the checks
of ``kkik-xl doctor`` (:mod:`doctor_checks`).

Importing this package never needs Excel: xlwings itself is only imported by :mod:`kkik_xl.xl.udfs`
and :mod:`kkik_xl.xl.macros`, and the xlwings functions used there work without an Excel instance.
"""
