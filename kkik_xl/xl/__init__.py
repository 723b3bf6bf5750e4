"""Thin xlwings adapters: worksheet functions (UDFs) and macros. No measure or rule logic here.

Importing this package never needs Excel: xlwings itself is only imported by :mod:`kkik_xl.xl.udfs`
and :mod:`kkik_xl.xl.macros`, and the xlwings functions used there work without an Excel instance.
"""
