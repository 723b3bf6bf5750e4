"""``make demo``: a fictional-but-real-coded municipality's KKiK year, end to end, into ``demo-output/``.

:mod:`kkik_xl.demo.flow` runs the steps through the real command line; :mod:`kkik_xl.demo.workbooks`
builds the department workbooks with their deliberate mistakes; :mod:`kkik_xl.demo.examples` computes
the shipped example files directly.
"""
