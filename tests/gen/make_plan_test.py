#!/usr/bin/env python3
# Copyright 2026 The plan2json Authors.
"""Tests of the generator itself: its truth must be right before it can judge
plan2json. Run: python3 tests/gen/make_plan_test.py [-v]"""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_plan  # noqa: E402


class DeadlineGrammar(unittest.TestCase):
    """Every family's printed text resolves as tests/corpus/README.md says."""

    CASES = [  # (family, year, printed text pattern check, expected due)
        ("year-end", 2024, None, {"kind": "date", "date": "2024-12-31"}),
        ("half", 2023, None, None),
        ("ongoing", 2022, None, {"kind": "ongoing", "date": None}),
        ("text", 2022, None, {"kind": "text", "date": None}),
    ]

    def test_fixed_families(self):
        for family, year, _, due in self.CASES:
            for seed in range(20):
                text, got = make_plan.deadline(family, random.Random(seed), year)
                if due is not None:
                    self.assertEqual(got, due, (family, text))
                if family == "half":
                    want = "%d-06-30" % year if text == "上半年" else "%d-12-31" % year
                    self.assertEqual(got["date"], want, text)

    def test_month_families_resolve_to_the_printed_month(self):
        table = {"month-end": "%d月底前", "month": "%d月"}
        for family, fmt in table.items():
            for seed in range(30):
                text, due = make_plan.deadline(family, random.Random(seed), 2024)
                month = int(text.split("月")[0])
                self.assertEqual(text, fmt % month)
                self.assertEqual(due["date"], make_plan.month_end(2024, month), text)

    def test_quarter_span_and_day(self):
        quarter_end = {"一": "03-31", "二": "06-30", "三": "09-30", "四": "12-31"}
        for seed in range(30):
            text, due = make_plan.deadline("quarter", random.Random(seed), 2021)
            self.assertEqual(due["date"], "2021-" + quarter_end[text[1]], text)
            text, due = make_plan.deadline("span", random.Random(seed), 2021)
            self.assertEqual(due["date"], text.split("—")[1][:4] + "-12-31", text)
            text, due = make_plan.deadline("day", random.Random(seed), 2021)
            y, rest = text.split("年")
            m, rest = rest.split("月")
            self.assertEqual(due["date"], "%s-%02d-%02d" % (y, int(m), int(rest[:-2])))

    def test_month_end(self):
        for (y, m), want in {(2024, 2): "2024-02-29", (2023, 2): "2023-02-28",
                             (2100, 2): "2100-02-28", (2022, 4): "2022-04-30",
                             (2022, 12): "2022-12-31"}.items():
            self.assertEqual(make_plan.month_end(y, m), want)


class Numerals(unittest.TestCase):
    def test_section_numerals(self):
        for n, want in [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"),
                        (23, "二十三")]:
            self.assertEqual(make_plan.cn_numeral(n), want)


class Wrapping(unittest.TestCase):
    def test_lines_never_start_with_closing_punctuation(self):
        for text, per, want in [
            ("甲乙丙。丁", 3, ["甲乙丙。", "丁"]),
            ("甲乙丙丁", 2, ["甲乙", "丙丁"]),
            ("甲乙、丙", 2, ["甲乙、", "丙"]),
            ("", 4, [""]),
            ("甲乙丙（丁）、戊", 4, ["甲乙丙（", "丁）、戊"]),
        ]:
            self.assertEqual(make_plan.wrap(text, per), want, (text, per))

    def test_names_break_between_names(self):
        got = make_plan.wrap_tokens(["市财政局、", "市教育局"], 5)
        self.assertEqual(got, ["市财政局、", "市教育局"])


class Truth(unittest.TestCase):
    def rows(self, seed, **knobs):
        k = make_plan.resolve_knobs(["%s=%s" % kv for kv in knobs.items()])
        return make_plan.build_rows(make_plan.content(seed, 14), k)[1]

    def test_row_count_and_sections(self):
        for seed in range(1, 6):
            self.assertEqual(len(self.rows(seed)), 14)
            for r in self.rows(seed, sections="2"):
                self.assertRegex(r["section"], r"^（[一二]）")
            for r in self.rows(seed, sections="0"):
                self.assertIsNone(r["section"])

    def test_one_text_column_means_no_task(self):
        for r in self.rows(1, text="工作任务"):
            self.assertIsNone(r["task"])
        for r in self.rows(1, text="主要任务/具体措施"):
            self.assertTrue(r["task"])

    def test_printing_habits_do_not_change_the_content(self):
        base = self.rows(7)
        for knob in ["order", "rules", "header", "orient", "valign", "pagenum", "front",
                     "join", "wrap", "seqfmt", "note", "punct", "header2",
                     "rowsplit", "seq", "deadline"]:
            for value in make_plan.KNOBS[knob][1:]:
                self.assertEqual(self.rows(7, **{knob: value}), base, (knob, value))
        self.assertEqual(self.rows(7, punct="."), base)  # "." is read as "。"

    def test_department_keys_follow_the_headers(self):
        for r in self.rows(3, depts="责任单位"):
            self.assertEqual(r["lead"], [])
            self.assertEqual(r["assisting"], [])
            self.assertTrue(r["responsible"])
        for r in self.rows(3, depts="主责单位/协办单位"):
            self.assertEqual(r["lead"], [])
            self.assertTrue(r["responsible"])


class Files(unittest.TestCase):
    def test_writes_pdf_and_truth_deterministically(self):
        with tempfile.TemporaryDirectory() as d:
            a, b = os.path.join(d, "a"), os.path.join(d, "b")
            for base in (a, b):
                make_plan.generate(base, 5, 10, make_plan.resolve_knobs(["rules=none"]))
            with open(a + ".pdf", "rb") as fa, open(b + ".pdf", "rb") as fb:
                self.assertEqual(fa.read(), fb.read())
            with open(a + ".expected.json", encoding="utf-8") as f:
                truth = json.load(f)
            self.assertEqual(len(truth["rows"]), 10)
            self.assertEqual(truth["columns"][0]["key"], "seq")

    def test_every_measure_is_in_the_reading_order_dump(self):
        """Each cell's text is really printed (lines joined, nothing in between)."""
        with tempfile.TemporaryDirectory() as d:
            base = os.path.join(d, "p")
            truth = make_plan.generate(base, 2, 12, make_plan.resolve_knobs([]))
            dump = subprocess.run(["pdftotext", "-raw", base + ".pdf", "-"],
                                  capture_output=True, check=True).stdout.decode()
            flat = "".join(dump.split())
            for r in truth["rows"]:
                first_line = r["measure"][:6]
                self.assertIn(first_line, flat)

    def test_conflicting_knobs_are_refused(self):
        with self.assertRaises(SystemExit):
            make_plan.resolve_knobs(["wrap=on", "join=newline"])
        with self.assertRaises(SystemExit):
            make_plan.resolve_knobs(["rules=dotted"])


if __name__ == "__main__":
    unittest.main()
