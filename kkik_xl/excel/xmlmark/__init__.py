"""Marking a copy by patching the workbook's XML (see :mod:`kkik_xl.excel.xmlmark.writer`)."""
