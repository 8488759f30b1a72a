#!/usr/bin/env python3
# Copyright 2026 The plan2json Authors.
"""Writes a synthetic action-plan PDF with a ruled table, for fuzz seeds and
the bounded-input benchmarks (bench/bounded.sh). No dependencies.

The text uses a non-embedded CID font (Identity-H, CID = Unicode code point)
with a ToUnicode map, so files stay small and any text extractor reads the
characters back; glyph shapes are never needed.

  make_plan_pdf.py OUT.pdf [--rows N] [--rows-per-page K] [--pages P]
                   [--cell-chars C] [--font-size S]

--rows N           measure rows in the table (default 3)
--rows-per-page K  rows per page; the header repeats on every page (default 10)
--pages P          at least P pages: the table pages are repeated until there
                   are P (default: as many as the rows need)
--cell-chars C     the first row's measure cell holds C characters (~3 bytes
                   each in UTF-8), wrapped 100 to a line; the page grows to
                   fit (default: a normal sentence)
--font-size S      text size in points (default 9)
--no-rules         no ruling lines: the table must be found from alignment
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "gen"))
import minipdf  # noqa: E402

HEADER = ["序号", "重点任务", "工作措施", "完成时限", "牵头单位", "协办单位"]
WIDTHS = [36, 80, 330, 64, 100, 100]
DEADLINES = ["年底前", "6月底前", "第三季度", "持续推进"]
LEADS = ["市生态环境局", "市园林绿化局", "市水务局", "市农业农村局"]
ASSIST = ["各区政府", "市规划自然资源委", "———", "相关区政府"]
MEASURE = "建立落实生物多样性保护规划的部门会商、进展报送、专家咨询和信息共享机制。"
FILLER = "构建生态廊道连通物种栖息地加快生态林断带织补形成绿色板块"


def hex_text(s):
    out = []
    for ch in s:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp = 0x25A1
        out.append("%04X" % cp)
    return "<" + "".join(out) + ">"


def wrap(text, per_line):
    return [text[i:i + per_line] for i in range(0, len(text), per_line)] or [""]


def cell_lines(text, width, size):
    per_line = max(1, int((width - 4) // size))
    return wrap(text, per_line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=3)
    ap.add_argument("--rows-per-page", type=int, default=10)
    ap.add_argument("--pages", type=int, default=0)
    ap.add_argument("--cell-chars", type=int, default=0)
    ap.add_argument("--font-size", type=float, default=9)
    ap.add_argument("--no-rules", action="store_true")
    a = ap.parse_args()
    size = a.font_size
    lead = size * 1.3

    rows = []
    for i in range(a.rows):
        measure = MEASURE
        if i == 0 and a.cell_chars > 0:
            measure = (FILLER * (a.cell_chars // len(FILLER) + 1))[:a.cell_chars - 1] + "。"
        rows.append([str(i + 1), "目标任务%d" % (i + 1), measure,
                     DEADLINES[i % 4], LEADS[i % 4], ASSIST[i % 4]])
    per_page = max(1, a.rows_per_page)
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]

    used = set()
    page_contents = []
    width = sum(WIDTHS) + 60
    for n, chunk in enumerate(chunks):
        table = [HEADER] + chunk
        heights = []
        for r in table:
            wrapped = [cell_lines(t, w, size) if j != 2 or len(t) <= 5000
                       else wrap(t, 100) for j, (t, w) in enumerate(zip(r, WIDTHS))]
            heights.append(max(len(c) for c in wrapped) * lead + 6)
        height = 120 + sum(heights) + 60
        ops = []
        def text(x, y, s, sz=size):
            used.update(ord(c) if ord(c) <= 0xFFFF else 0x25A1 for c in s)
            ops.append("BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET" % (sz, x, y, hex_text(s)))
        if n == 0:
            text(30, height - 40, "附件1")
            text(200, height - 70, "北京市生态保护2024年行动计划", 16)
        top = height - 100
        xs = [30]
        for w in WIDTHS:
            xs.append(xs[-1] + w)
        y = top
        ys = [y]
        for r, h in zip(table, heights):
            for j, (t, w) in enumerate(zip(r, WIDTHS)):
                # The 1 MB cell: 100 characters a line at a tenth of the size.
                if j == 2 and len(t) > 5000:
                    lines, sz = wrap(t, 100), min(size, (w - 4) / 100)
                else:
                    lines, sz = cell_lines(t, w, size), size
                for k, line in enumerate(lines):
                    text(xs[j] + 2, y - 3 - sz - k * lead, line, sz)
            y -= h
            ys.append(y)
        ops.append("0.5 w")
        for yy in ([] if a.no_rules else ys):
            ops.append("%.2f %.2f m %.2f %.2f l S" % (xs[0], yy, xs[-1], yy))
        for xx in ([] if a.no_rules else xs):
            ops.append("%.2f %.2f m %.2f %.2f l S" % (xx, ys[0], xx, ys[-1]))
        text(width / 2 - 20, 20, "— %d —" % (n + 1))
        page_contents.append((width, height, "\n".join(ops)))

    pdf = minipdf.Pdf()
    catalog = pdf.add("")
    pages = pdf.add("")
    font = pdf.cid_font(used)
    content_ids = [(w, h, pdf.stream(c)) for (w, h, c) in page_contents]
    total = max(a.pages, len(content_ids))
    kids = []
    for i in range(total):
        w, h, c = content_ids[i % len(content_ids)]
        kids.append(pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                            "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                            % (pages, w, h, font, c)))
    pdf.set(pages, "<< /Type /Pages /Count %d /Kids [%s] >>"
            % (total, " ".join("%d 0 R" % k for k in kids)))
    pdf.set(catalog, "<< /Type /Catalog /Pages %d 0 R >>" % pages)
    pdf.write(a.out, catalog)


if __name__ == "__main__":
    sys.exit(main())
