#!/usr/bin/env python3
# Copyright 2026 The plan2json Authors.
"""Writes a synthetic action-plan PDF and the JSON truth of what it says.

  make_plan.py OUT_BASE [--seed N] [--rows N] [--knob NAME=VALUE ...]
  make_plan.py --list-knobs

writes OUT_BASE.pdf and OUT_BASE.expected.json (the corpus's expected.json
format: "document", "columns", "rows" with section/seq/task/measure/deadline/
due/lead/responsible/assisting, and "extra" where the table has a 备注 column;
"knobs" records the knobs and seed). The seed decides the content (title,
tasks, measures, deadlines, departments); the knobs decide how the producer
prints it. With the same seed and row count, two knob settings give the same
content, so the rows of any two renditions must agree (metamorphic tests).

The PDF writer is minipdf.py (shared with bench/make_plan_pdf.py): raw PDF, no
dependencies, text in a non-embedded CID font (Identity-H, CID = Unicode code
point, every glyph 1 em wide) with a ToUnicode map, so poppler and pdftotext
read the characters back without glyph shapes.
"""
import argparse
import itertools
import json
import random
import sys

import minipdf

# ---------------------------------------------------------------------------
# Knobs: name -> allowed values; the first is the default.
# ---------------------------------------------------------------------------
KNOBS = {
    "seq": ["序号", "编号"],
    # Task and measure column wording; one text column means task null.
    "text": ["重点任务/工作措施", "主要任务/具体措施", "工作任务", "任务内容"],
    "deadline": ["完成时限", "完成时间", "时间节点"],
    "depts": ["牵头单位/配合单位", "牵头单位/责任单位", "责任单位",
              "牵头单位/主责单位/协办单位", "主责单位/协办单位"],
    "extra": ["none", "备注"],
    # 0: printed order seq, text, deadline, departments, extra; k > 0: the
    # k-th permutation of the movable columns (seq stays first, the task
    # column stays just before the measure column).
    "order": ["0", "1", "2", "3", "5", "7", "11"],
    "punct": ["。", "."],
    # mix: the common forms (year-end, month-end, month, half, quarter,
    # ongoing) row by row; all: every family row by row; else one family.
    "dues": ["mix", "all", "year-end", "month-end", "month", "year-month", "day",
             "half", "quarter", "span", "ongoing", "text"],
    "orient": ["portrait", "landscape"],
    "header": ["repeat", "once"],
    "rules": ["full", "three-line", "none"],
    "names": ["1-2", "1", "2", "3", "4"],
    "join": ["、", "newline"],
    "wrap": ["off", "on"],
    "span": ["group", "single"],
    "valign": ["top", "middle"],
    "sections": ["1", "0", "2"],
    "seqfmt": ["1", "1.", "（1）"],
    "seqrestart": ["no", "yes"],
    # notice: a covering 通知 page (its own title, prose, an earlier 附件1
    # line) before the attachment page that holds the table.
    "front": ["label", "title2", "prose", "nolabel", "notice"],
    # colophon: the 抄送/印发 block that closes a government document.
    "note": ["none", "note", "colophon"],
    # Department roles inside one 责任单位 column: a name marked （牵头）; a
    # clause "A牵头，B、C配合"; or the first name leads, as a note under the
    # table says. Any value but none replaces the depts knob's columns.
    "roles": ["none", "（牵头）", "牵头配合", "first-lead"],
    # A two-level header: the department columns under one spanning header.
    "header2": ["no", "yes"],
    # A row that does not fit the page continues on the next one.
    "rowsplit": ["no", "yes"],
    # justify: full lines of text cells stretched to the cell's width by
    # character spacing (as Word sets Chinese text).
    "justify": ["off", "on"],
    # on: measures of numbered sub-points, each starting a line of the cell
    # ("1.…；" / "2.…。").
    "subpoints": ["off", "on"],
    # glyph: every character placed on its own (as XeTeX writes), not one
    # string per line.
    "emit": ["line", "glyph"],
    "pagenum": ["— N —", "-N-", "N", "第N页 共M页", "none"],
}

# ---------------------------------------------------------------------------
# Content vocabulary (the seed picks from it).
# ---------------------------------------------------------------------------
PLACES = ["东州市", "南江市", "西川省", "北海市", "临安区", "青原县"]
DOMAINS = ["生态环境保护", "数字经济发展", "安全生产", "科技创新", "城市更新",
           "乡村振兴", "营商环境优化", "公共卫生"]
DEPTS = ["发展改革委", "财政局", "生态环境局", "教育局", "科技局",
         "经济和信息化局", "住房城乡建设局", "交通运输局", "农业农村局", "水务局",
         "商务局", "文化和旅游局", "卫生健康委", "应急管理局", "市场监管局",
         "城市管理局", "自然资源和规划局", "公安局", "人力资源社会保障局",
         "统计局", "政务服务数据管理局", "委宣传部", "委组织部", "税务局"]
PLAIN_DEPTS = ["各区政府", "各县（市、区）政府", "有关单位"]
VERBS = ["加快", "推进", "深化", "完善", "健全", "落实", "强化", "开展", "实施",
         "推动", "组织", "建立", "优化", "提升"]
OBJECTS = ["生态环境分区管控", "数字政府建设", "重点行业安全整治", "科技成果转化",
           "城乡供水保障", "老旧小区综合改造", "公共数据开放共享", "中小企业服务",
           "农村人居环境整治", "垃圾分类处理设施", "重点河湖生态修复",
           "基层应急能力", "知识产权保护", "公共文化服务", "冷链物流网络",
           "社区养老服务", "智慧交通管理", "工业园区循环化改造"]
TAILS = ["工作", "试点", "专项行动", "体系建设", "专项检查", "长效机制", "示范创建"]
CLAUSES = ["，确保按期完成年度目标", "，形成可复制推广的经验", "，全年新增{n}个示范项目",
           "，覆盖率达到{p}%以上", "，组织开展{n}次专项督查", "，建立问题清单和责任清单",
           "，及时总结评估并向社会公开进展情况", "，完成{n}个重点项目建设"]
SECOND = ["加强部门协同和督促检查", "定期通报工作进展", "完善配套政策措施",
          "健全考核评价办法", "做好宣传解读工作"]
EXTRAS = ["新增任务", "延续任务", "年度重点", "需报送进展"]
CN_NUM = "一二三四五六七八九十"
PLACEHOLDERS = ["—", "———", ""]

# ---------------------------------------------------------------------------
# Deadlines: printed text and truth "due" (the corpus README's grammar).
# ---------------------------------------------------------------------------
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def month_end(year, month):
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    day = 29 if month == 2 and leap else MONTH_DAYS[month - 1]
    return "%04d-%02d-%02d" % (year, month, day)


def date_due(date):
    return {"kind": "date", "date": date}


def deadline(family, rng, year):
    """Returns (printed text, truth due) of one deadline of `family`."""
    m = rng.randint(1, 12)
    if family == "year-end":
        return rng.choice(["年底前", "12月底前"]), date_due(month_end(year, 12))
    if family == "month-end":
        return "%d月底前" % m, date_due(month_end(year, m))
    if family == "month":
        return "%d月" % m, date_due(month_end(year, m))
    if family == "year-month":
        text = rng.choice(["%d年%d月底前", "%d年%d月"]) % (year, m)
        return text, date_due(month_end(year, m))
    if family == "day":
        d = rng.randint(1, 28)
        return "%d年%d月%d日前" % (year, m, d), date_due("%04d-%02d-%02d" % (year, m, d))
    if family == "half":
        if rng.random() < 0.5:
            return "上半年", date_due(month_end(year, 6))
        return "下半年", date_due(month_end(year, 12))
    if family == "quarter":
        q = rng.randint(1, 4)
        return "第%s季度" % CN_NUM[q - 1], date_due(month_end(year, 3 * q))
    if family == "span":
        last = year + rng.randint(1, 3)
        return "%d—%d年" % (year, last), date_due(month_end(last, 12))
    if family == "ongoing":
        return (rng.choice(["长期坚持", "持续推进", "常态化", "每年", "每季度"]),
                {"kind": "ongoing", "date": None})
    if family == "text":
        return (rng.choice(["按国家部署", "另行通知", "按国家部署推进"]),
                {"kind": "text", "date": None})
    raise ValueError(family)


DUE_FAMILIES = [f for f in KNOBS["dues"] if f not in ("mix", "all")]
COMMON_FAMILIES = ["year-end", "month-end", "month", "half", "quarter", "ongoing"]

# ---------------------------------------------------------------------------
# The document's content, decided by the seed alone.
# ---------------------------------------------------------------------------


def measure_text(rng):
    clause = rng.choice(CLAUSES).format(n=rng.randint(2, 30), p=rng.randint(60, 98))
    first = rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(TAILS) + clause
    if rng.random() < 0.4:
        return [first, rng.choice(SECOND)]
    return [first]


def dept_pool(rng, place):
    prefix = place[-1]
    names = [prefix + d for d in DEPTS]
    rng.shuffle(names)
    return names + PLAIN_DEPTS


def content(seed, nrows):
    """Everything printed, before the producer's habits are applied."""
    rng = random.Random(seed)
    place, domain = rng.choice(PLACES), rng.choice(DOMAINS)
    year = rng.randint(2021, 2025)
    # The table is attachment 2 or later: a covering notice lists 1 first.
    doc = {"place": place, "year": year, "attachment_no": rng.randint(2, 6),
           "title": ("%s%d年%s工作要点" % (place, year, domain), "重点任务分工表"),
           "depts": dept_pool(rng, place)}
    sections, tasks = [], []
    left = nrows
    while left > 0:
        sec = {"l1": rng.choice(VERBS) + rng.choice(OBJECTS),
               "l2": [rng.choice(VERBS) + rng.choice(OBJECTS) for _ in range(2)]}
        sections.append(sec)
        for sub in range(2):
            for _ in range(rng.randint(1, 3)):
                if left <= 0:
                    break
                n = min(left, rng.randint(1, 3))
                left -= n
                tasks.append({"section": len(sections) - 1, "sub": sub,
                              "task": rng.choice(VERBS) + rng.choice(OBJECTS),
                              "measures": [measure_draw(rng, year) for _ in range(n)]})
    doc["sections"], doc["tasks"] = sections, tasks
    doc["prose"] = ("为深入贯彻落实%s决策部署，确保%d年各项目标任务落到实处，"
                    "现将重点任务分解如下，各责任单位要细化工作方案，明确时间表和路线图，"
                    "按时报送工作进展情况。") % (place, year)
    doc["note"] = "注：各单位要按照任务分工抓好落实，工作进展情况按要求报送。"
    doc["first_lead_note"] = "注：责任单位中排在第一位的为牵头单位。"
    office = "%s人民政府办公室" % place
    doc["notice"] = {
        "title": ["%s关于印发" % office, "《%s》的通知" % "".join(doc["title"])],
        "body": ["各区人民政府，市政府各委、办、局：",
                 "现将《%s》印发给你们，请认真贯彻落实。" % "".join(doc["title"]),
                 "附件：1.%s年重点工作安排" % year,
                 "      %d.%s" % (doc["attachment_no"], "".join(doc["title"])),
                 office, "%d年3月1日" % year]}
    doc["colophon"] = ["抄送：市委各部门，市人大常委会办公室，市政协办公室。",
                       "%s              %d年3月2日印发" % (office, year)]
    return doc


def measure_draw(rng, year):
    """Random draws for one measure row; knobs pick among them later."""
    dues = {f: deadline(f, random.Random(rng.random()), year) for f in DUE_FAMILIES}
    return {"sentences": measure_text(rng), "second": rng.choice(SECOND), "dues": dues,
            "mix": rng.choice(COMMON_FAMILIES), "all": rng.choice(DUE_FAMILIES),
            "count": rng.randint(1, 2),
            "pick": rng.random(), "empty_assist": rng.random() < 0.25,
            "placeholder": rng.choice(PLACEHOLDERS), "extra": rng.random(),
            "extra_text": rng.choice(EXTRAS)}


# ---------------------------------------------------------------------------
# Columns.
# ---------------------------------------------------------------------------
DEPT_KEY = {"牵头单位": "lead", "责任单位": "responsible", "主责单位": "responsible",
            "配合单位": "assisting", "协办单位": "assisting"}


def columns(k):
    """Printed columns: list of {"key", "header"} in printed order."""
    text = k["text"].split("/")
    units = [[{"key": "task", "header": text[0]}, {"key": "measure", "header": text[1]}]
             if len(text) == 2 else [{"key": "measure", "header": text[0]}],
             [{"key": "deadline", "header": k["deadline"]}]]
    units += [[{"key": DEPT_KEY[h], "header": h}] for h in dept_headers(k)]
    if k["extra"] != "none":
        units.append([{"key": "extra", "header": k["extra"]}])
    order = int(k["order"])
    if order:
        perms = list(itertools.permutations(range(len(units))))
        units = [units[i] for i in perms[order % len(perms)]]
    cols = [{"key": "seq", "header": k["seq"]}] + [c for u in units for c in u]
    if k["header2"] == "yes":
        dept = [j for j, c in enumerate(cols) if c["key"] in DEPT_KEY.values()]
        if len(dept) > 1 and dept[-1] - dept[0] == len(dept) - 1:
            group = "责任分工" if any(cols[j]["header"] == "责任单位" for j in dept) \
                else "责任单位"
            for j in dept:
                cols[j] = dict(cols[j], group=group)
    return cols


def dept_headers(k):
    return ["责任单位"] if k["roles"] != "none" else k["depts"].split("/")


# ---------------------------------------------------------------------------
# Truth rows and the printed cell texts of each row.
# ---------------------------------------------------------------------------


def seq_text(n, fmt):
    return {"1": "%d", "1.": "%d.", "（1）": "（%d）"}[fmt] % n


def names_for(draw, pool, k, offset):
    """Names of one department cell; the draw makes them the same for any knobs."""
    if k["names"] == "1-2":
        count = draw["count"]
    else:
        count = int(k["names"])
    if k["roles"] in ("（牵头）", "牵头配合"):
        count = max(count, 2)  # a marker needs someone to lead and someone else
    start = int(draw["pick"] * len(pool)) + offset * 5
    return [pool[(start + i) % len(pool)] for i in range(count)]


def cn_numeral(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (section numbers)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUM[tens - 1] + "十")
    return head + ("" if ones == 0 else CN_NUM[ones - 1])


def headings(doc, k, t, last):
    """The heading rows printed before task t (last: the previous task's
    (section, sub)) and the innermost heading in force."""
    sec = doc["sections"][t["section"]]
    l1 = "%s、%s" % (cn_numeral(t["section"] + 1), sec["l1"])
    l2 = "（%s）%s" % (cn_numeral(t["sub"] + 1), sec["l2"][t["sub"]])
    if k["sections"] == "0":
        return [], None
    printed = [l1] if t["section"] != last[0] else []
    if k["sections"] == "1":
        return printed, l1
    if (t["section"], t["sub"]) != last:
        printed.append(l2)
    return printed, l2


def build_rows(doc, k):
    """Returns (items, truth rows). items: the table's body in printed order:
    ("section", text) or ("row", cells, group_id, first_in_group, group_size)."""
    cols = columns(k)
    has_task = any(c["key"] == "task" for c in cols)
    spans = has_task and k["span"] == "group"
    items, truth, seq, group, last = [], [], 0, 0, (None, None)
    for t in doc["tasks"]:
        printed, section = headings(doc, k, t, last)
        if k["seqrestart"] == "yes" and k["sections"] != "0" and t["section"] != last[0]:
            seq = 0
        items += [("section", h) for h in printed]
        last = (t["section"], t["sub"])
        for i, m in enumerate(t["measures"]):
            if i == 0 or not spans:
                seq += 1
                group += 1
            row, cells = row_truth(doc, k, cols, m, section, seq,
                                   t["task"] if has_task else None, k["punct"])
            truth.append(row)
            size = len(t["measures"]) if spans else 1
            items.append(("row", cells, group, i == 0 or not spans, size))
    return items, truth


def row_truth(doc, k, cols, m, section, seq, task, end):
    family = m[k["dues"]] if k["dues"] in ("mix", "all") else k["dues"]
    dl, due = m["dues"][family]
    # A sentence printed with "." ends as "。" in the output: the contract's
    # text is normalised (half-width punctuation in Chinese text becomes
    # full-width), and swapping 。/. never changes a row (issue 9).
    measure = "".join(s + "。" for s in m["sentences"])
    paragraphs = None
    if k["subpoints"] == "on":
        parts = (m["sentences"] + [m["second"]])[:max(2, len(m["sentences"]))]
        paragraphs = ["%d.%s%s" % (n + 1, p, "；" if n + 1 < len(parts) else end)
                      for n, p in enumerate(parts)]
        measure = "".join(paragraphs[:-1]) + paragraphs[-1][:-1] + "。"
    row = {"section": section, "seq": seq, "task": task, "measure": measure,
           "deadline": dl, "due": due, "lead": [], "responsible": [], "assisting": []}
    printed = paragraphs or "".join(s + end for s in m["sentences"])
    cells = {"seq": seq_text(seq, k["seqfmt"]), "task": task or "", "measure": printed,
             "deadline": dl}
    headers = dept_headers(k)  # the names never depend on the printed order
    for c in (c for c in cols if c["key"] in ("lead", "responsible", "assisting")):
        names = names_for(m, doc["depts"], k, headers.index(c["header"]))
        if k["roles"] != "none":
            cells[c["header"]] = role_cell(row, names, k["roles"])
            continue
        if c["key"] == "assisting" and m["empty_assist"]:
            names, cells[c["header"]] = [], ([m["placeholder"]], "、")
        else:
            cells[c["header"]] = (names, "、")
        row[c["key"]] = row[c["key"]] + names
    if k["extra"] != "none":
        text = m["extra_text"] if m["extra"] < 0.3 else None
        row["extra"] = {k["extra"]: text}
        cells["extra"] = text or (m["placeholder"] if m["extra"] > 0.8 else "")
    return row, cells


def role_cell(row, names, roles):
    """Fills the row's lists from one 责任单位 cell with role markers; returns
    the cell as (printed units, separator)."""
    if roles == "first-lead":
        row["lead"], row["responsible"] = names[:1], names[1:]
        return names, "、"
    if roles == "（牵头）":
        row["lead"], row["responsible"] = names[:1], names[1:]
        return [names[0] + "（牵头）"] + names[1:], "、"
    row["lead"], row["assisting"] = names[:1], names[1:]
    if len(names) == 1:
        return [names[0] + "牵头"], ""
    units = [names[0] + "牵头，"] + [n + "、" for n in names[1:-1]] + [names[-1] + "配合"]
    return units, ""


# ---------------------------------------------------------------------------
# Layout: column widths, line wrapping, pages.
# ---------------------------------------------------------------------------
NO_LINE_START = set("，。、；：）》”’.,;:)!?！？%")
WEIGHT = {"seq": 0, "task": 2.2, "measure": 6.0, "deadline": 1.8, "lead": 2.4,
          "responsible": 2.4, "assisting": 2.4, "extra": 1.6}


def em(text):
    """Printed width in em: ASCII is half-width (the font's /W says so)."""
    return sum(0.5 if ord(c) < 0x7F else 1.0 for c in text)


def wrap(text, per_line):
    """Cuts text into lines of at most per_line em; a line never starts with
    closing punctuation (it stays on the line before, as producers do)."""
    lines, cur = [], ""
    for ch in text:
        if cur and em(cur) + em(ch) > per_line and ch not in NO_LINE_START:
            lines.append(cur)
            cur = ""
        elif em(cur) > per_line:
            # A second closing mark would overflow twice: the last character
            # that may start a line moves down with the marks after it.
            k = max(i for i, c in enumerate(cur) if c not in NO_LINE_START)
            if k > 0:
                lines.append(cur[:k])
                cur = cur[k:]
        cur += ch
    if cur or not lines:
        lines.append(cur)
    return lines


def cell_text_lines(col, cells, k, per_line):
    key = col["key"]
    if key in ("lead", "responsible", "assisting"):
        units, sep = cells[col["header"]]
        if k["join"] == "newline" and sep:
            return [ln for n in units for ln in wrap(n, per_line)]
        if k["wrap"] == "on":
            return wrap(sep.join(units), per_line)
        return wrap_tokens([n + sep for n in units[:-1]] + units[-1:], per_line)
    if isinstance(cells[key], list):  # paragraphs, each starting a line
        return [ln for para in cells[key] for ln in wrap(para, per_line)]
    return wrap(cells[key], per_line)


def wrap_tokens(tokens, per_line):
    """Lines of whole tokens (names with their 、) where a token fits a line."""
    lines, cur = [], ""
    for tok in tokens:
        if cur and em(cur) + em(tok.rstrip("、，")) > per_line:
            lines.append(cur)
            cur = ""
        cur += tok
    lines.append(cur)
    return [piece for ln in lines for piece in wrap(ln, per_line)]


class Layout:
    def __init__(self, k, cols, items, doc):
        self.k, self.cols, self.items, self.doc = k, cols, items, doc
        landscape = k["orient"] == "landscape"
        self.pw, self.ph = (841.89, 595.28) if landscape else (595.28, 841.89)
        self.margin = 56.0
        self.size = 10.5
        self.widths = self.column_widths()
        self.lead = self.size * 1.45
        self.pad = 3.0
        self.stats = {"rows_cut_by_page_break": 0, "task_cells_continued_across_page": 0}

    def min_chars(self, col):
        """Characters a column must hold on one line (no wrapping unless knob wrap)."""
        key = col["key"]
        if self.k["wrap"] == "on":
            return {"seq": 3, "measure": 8}.get(key, 3)
        longest = em(col["header"])
        for it in self.items:
            if it[0] != "row":
                continue
            cells = it[1]
            if key in ("lead", "responsible", "assisting"):
                longest = max([longest] + [em(n) for n in cells[col["header"]][0]])
            elif key in ("deadline", "seq"):
                longest = max(longest, em(cells[key]))
        return max(longest, {"measure": 12, "task": 4}.get(key, 2))

    def column_widths(self):
        avail = self.pw - 2 * self.margin
        for size in (10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7):
            self.size = size
            need = [(self.min_chars(c) + 1) * size + 9 for c in self.cols]
            if sum(need) <= avail:
                break
        self.size = size
        spare = avail - sum(need)
        total = sum(WEIGHT[c["key"]] for c in self.cols)
        if self.k["wrap"] == "on":
            # Narrow columns: only the measure column gets the spare width.
            total = 1.0
            weights = [1.0 if c["key"] == "measure" else 0 for c in self.cols]
        else:
            weights = [WEIGHT[c["key"]] for c in self.cols]
        return [n + spare * w / total for n, w in zip(need, weights)]

    def per_line(self, j):
        # One character of room is kept for punctuation that may not start a
        # line and so stays at the end of the line before.
        return max(1, int((self.widths[j] - 2 * self.pad - 2) // self.size) - 1)

    def lines(self, j, cells):
        return cell_text_lines(self.cols[j], cells, self.k, self.per_line(j))

    def height(self, nlines):
        return nlines * self.lead + 2 * self.pad + 2


def kinds_spanning(cols):
    return {j for j, c in enumerate(cols) if c["key"] in ("seq", "task")}


def measure_rows(lay):
    """Per item: (kind, lines per column, height, group, first, size)."""
    out = []
    span_cols = kinds_spanning(lay.cols)
    full_chars = int((sum(lay.widths) - 2 * lay.pad) // lay.size)
    for it in lay.items:
        if it[0] == "section":
            lines = wrap(it[1], full_chars)
            out.append({"kind": "section", "lines": lines, "h": lay.height(len(lines))})
            continue
        _, cells, group, first, size = it
        lines = [lay.lines(j, cells) for j in range(len(lay.cols))]
        spanning = size > 1
        own = [len(ls) for j, ls in enumerate(lines) if not (spanning and j in span_cols)]
        out.append({"kind": "row", "lines": lines, "h": lay.height(max(own)),
                    "group": group, "first": first, "size": size, "span": spanning})
    # A spanning cell's text must fit in its group's rows.
    i = 0
    while i < len(out):
        r = out[i]
        if r["kind"] == "row" and r["span"] and r["first"]:
            grp = out[i:i + r["size"]]
            need = lay.height(max(len(r["lines"][j]) for j in span_cols))
            have = sum(g["h"] for g in grp)
            if need > have:
                grp[-1]["h"] += need - have
            i += r["size"]
        else:
            i += 1
    return out


# ---------------------------------------------------------------------------
# Drawing.
# ---------------------------------------------------------------------------


class Canvas:
    def __init__(self, lay):
        self.lay = lay
        self.ops = []
        self.used = set()

    def text(self, x, y, s, size=None, spacing=0.0):
        """Draws s from (x, y); spacing: extra space after each character."""
        size = size or self.lay.size
        if not s:
            return
        self.used.update(ord(c) for c in s)
        if self.lay.k["emit"] == "glyph":
            for c in s:
                self.ops.append("BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm <%04X> Tj ET"
                                % (size, x, y, ord(c)))
                x += em(c) * size + spacing
            return
        self.ops.append("BT /F1 %.2f Tf %.3f Tc 1 0 0 1 %.2f %.2f Tm <%s> Tj ET"
                        % (size, spacing, x, y, "".join("%04X" % ord(c) for c in s)))

    def line(self, x0, y0, x1, y1, w=0.5):
        self.ops.append("%.2f w %.2f %.2f m %.2f %.2f l S" % (w, x0, y0, x1, y1))


def draw_cell(cv, lay, x, w, top, h, lines, center, valign):
    size, lead = lay.size, lay.lead
    block = len(lines) * lead
    if valign == "middle":
        y0 = top - (h - block) / 2
    else:
        y0 = top - lay.pad - 1
    if any(em(ln) * size > w - 2 for ln in lines):
        raise AssertionError("generator bug: a line is wider than its cell: %r" % lines)
    if block > h + 0.01:
        raise AssertionError("generator bug: text taller than its cell: %r" % lines)
    for n, ln in enumerate(lines):
        base = y0 - n * lead - size * 0.88 - (lead - size) / 2
        lx = x + lay.pad + 1
        spacing = 0.0
        if center:
            lx = x + (w - em(ln) * size) / 2
        elif lay.k["justify"] == "on" and n + 1 < len(lines) and len(ln) > 1:
            spacing = max(0.0, (w - 2 * lay.pad - 2 - em(ln) * size) / (len(ln) - 1))
        cv.text(lx, base, ln, spacing=spacing)


def xs_of(lay):
    xs = [lay.margin]
    for w in lay.widths:
        xs.append(xs[-1] + w)
    return xs


def header_group(lay):
    """(first, last, text) of the spanning header's columns, or None."""
    grouped = [j for j, c in enumerate(lay.cols) if "group" in c]
    if not grouped:
        return None
    return grouped[0], grouped[-1], lay.cols[grouped[0]]["group"]


def draw_header(cv, lay, top):
    """Draws the header; returns (height, height of the spanning row or 0)."""
    xs = xs_of(lay)
    cells = [wrap(c["header"], lay.per_line(j)) for j, c in enumerate(lay.cols)]
    grp = header_group(lay)
    if grp is None:
        h = lay.height(max(len(c) for c in cells))
        for j, ls in enumerate(cells):
            draw_cell(cv, lay, xs[j], lay.widths[j], top, h, ls, True, "middle")
        return h, 0
    a, b, text = grp
    gw = xs[b + 1] - xs[a]
    glines = wrap(text, int((gw - 2 * lay.pad - 2) // lay.size) - 1)
    h1 = lay.height(len(glines))
    h2 = lay.height(max(len(cells[j]) for j in range(a, b + 1)))
    others = [len(c) for j, c in enumerate(cells) if not a <= j <= b]
    h = max(h1 + h2, lay.height(max(others)))
    h2 = h - h1
    draw_cell(cv, lay, xs[a], gw, top, h1, glines, True, "middle")
    for j, ls in enumerate(cells):
        if a <= j <= b:
            draw_cell(cv, lay, xs[j], lay.widths[j], top - h1, h2, ls, True, "middle")
        else:
            draw_cell(cv, lay, xs[j], lay.widths[j], top, h, ls, True, "middle")
    return h, h1


def header_rules(cv, lay, box):
    """Rulings of a drawn header; box = (top, height, spanning row height)."""
    xs = xs_of(lay)
    top, h, h1 = box
    grp = header_group(lay)
    if lay.k["rules"] == "three-line":
        if grp:  # a short rule under the spanning header (\cmidrule)
            cv.line(xs[grp[0]] + 2, top - h1, xs[grp[1] + 1] - 2, top - h1, 0.5)
        return
    cv.line(xs[0], top - h, xs[-1], top - h)
    for j, x in enumerate(xs):
        inner = grp is not None and grp[0] < j <= grp[1]
        cv.line(x, top - h1 if inner else top, x, top - h)
    if grp:
        cv.line(xs[grp[0]], top - h1, xs[grp[1] + 1], top - h1)


def notice_page(lay, doc):
    """The covering notice: a page of its own before the attachment."""
    cv = Canvas(lay)
    top = lay.ph - lay.margin - 20
    for ln in doc["notice"]["title"]:
        size = 18
        while em(ln) * size > lay.pw - 2 * lay.margin:
            size -= 1
        cv.text((lay.pw - em(ln) * size) / 2, top - size, ln, size)
        top -= size * 1.6
    top -= 20
    per = int((lay.pw - 2 * lay.margin) // 14) - 2
    for n, para in enumerate(doc["notice"]["body"]):
        x = lay.margin + (28 if 0 < n < 4 else 0)
        if n >= 4:  # signature and date, right-aligned
            x = lay.pw - lay.margin - em(para) * 14 - 20
        for ln in wrap(para.replace("。", lay.k["punct"]), per):
            cv.text(x, top - 14, ln, 14)
            top -= 24
            x = lay.margin
    return cv


def front_matter(cv, lay, doc, top):
    k = lay.k
    if k["front"] != "nolabel":
        cv.text(lay.margin, top - 16, "附件%d" % doc["attachment_no"], 16)
        top -= 40
    title = doc["title"]
    lines = [title[0] + title[1]] if k["front"] in ("label", "nolabel") else list(title)
    for ln in lines:
        size = 18
        while em(ln) * size > lay.pw - 2 * lay.margin:
            size -= 1
        cv.text((lay.pw - em(ln) * size) / 2, top - size, ln, size)
        top -= size * 1.6
    top -= 8
    if k["front"] == "prose":
        per = int((lay.pw - 2 * lay.margin) // 12) - 2
        text = doc["prose"].replace("。", k["punct"])
        for n, ln in enumerate(wrap(text, per)):
            x = lay.margin + (24 if n == 0 else 0)
            cv.text(x, top - 12, ln, 12)
            top -= 20
        top -= 10
    return top


def page_number(cv, lay, n, total):
    style = lay.k["pagenum"]
    if style == "none":
        return
    s = style.replace("N", str(n)).replace("M", str(total))
    cv.text((lay.pw - em(s) * 10.5) / 2, 30, s, 10.5)


def rules(cv, lay, placed, header_box):
    """Draws the page's rulings. placed: (top, row) of the body rows."""
    style = lay.k["rules"]
    if style == "none" or not (placed or header_box):
        return
    xs = xs_of(lay)
    top = header_box[0] if header_box else placed[0][0]
    bottom = placed[-1][0] - placed[-1][1]["h"] if placed else header_box[0] - header_box[1]
    if style == "three-line":
        cv.line(xs[0], top, xs[-1], top, 1.5)
        if header_box:
            y = header_box[0] - header_box[1]
            cv.line(xs[0], y, xs[-1], y, 0.75)
            header_rules(cv, lay, header_box)
        cv.line(xs[0], bottom, xs[-1], bottom, 1.5)
        return
    span_cols = kinds_spanning(lay.cols)
    cv.line(xs[0], top, xs[-1], top)
    if header_box:
        header_rules(cv, lay, header_box)
    for idx, (t, r) in enumerate(placed):
        b = t - r["h"]
        if r["kind"] == "section":
            cv.line(xs[0], t, xs[0], b)
            cv.line(xs[-1], t, xs[-1], b)
            cv.line(xs[0], b, xs[-1], b)
            continue
        for x in xs:
            cv.line(x, t, x, b)
        last_on_page = idx == len(placed) - 1
        nxt = placed[idx + 1][1] if not last_on_page else None
        inside = (r["span"] and nxt is not None and nxt["kind"] == "row"
                  and nxt["group"] == r["group"])
        for j in range(len(lay.cols)):
            if inside and j in span_cols:
                continue
            cv.line(xs[j], b, xs[j + 1], b)


def draw_row(cv, lay, top, r, group_top):
    xs = xs_of(lay)
    if r["kind"] == "section":
        draw_cell(cv, lay, xs[0], xs[-1] - xs[0], top, r["h"], r["lines"], False,
                  lay.k["valign"])
        return
    span_cols = kinds_spanning(lay.cols)
    for j, ls in enumerate(r["lines"]):
        key = lay.cols[j]["key"]
        center = key not in ("measure", "task")
        if r["span"] and j in span_cols:
            if r["first"]:
                t, h = group_top
                draw_cell(cv, lay, xs[j], lay.widths[j], t, h, ls, center,
                          lay.k["valign"])
            continue
        draw_cell(cv, lay, xs[j], lay.widths[j], top, r["h"], ls, center,
                  lay.k["valign"])


def group_extent(rows, i, top, bottom_limit):
    """(top, height) of the first fragment of the group starting at rows[i]."""
    h = 0
    for r in rows[i:i + rows[i]["size"]]:
        if top - h - r["h"] < bottom_limit:
            break
        h += r["h"]
    return top, h


def split_row(lay, r, room, span_cols):
    """The row cut in two where the page ends (the lines that fit, the rest),
    or None when it cannot be cut there."""
    if r["kind"] != "row":
        return None  # headings move whole
    own = [j for j in range(len(r["lines"])) if not (r["span"] and j in span_cols)]
    fit = int((room - 2 * lay.pad - 2) // lay.lead)
    if fit < 1 or fit >= max(len(r["lines"][j]) for j in own):
        return None
    if r["span"] and r["first"] and any(len(r["lines"][j]) > fit for j in span_cols):
        return None  # a group's task text stays whole in its first fragment
    head = [ls[:fit] if j in own else ls for j, ls in enumerate(r["lines"])]
    tail = [ls[fit:] if j in own else [] for j, ls in enumerate(r["lines"])]
    rest = max(len(tail[j]) for j in own)
    return [dict(r, lines=head, h=lay.height(fit)),
            dict(r, lines=tail, h=lay.height(rest), first=r["span"] is False)]


BOTTOM = 60.0  # the table stops here; page numbers sit below


def fill_page(cv, lay, rows, i, top):
    """Draws table rows from rows[i] while they fit; returns (next i, top,
    placed rows as (top, row)). May cut rows[i] in two (knob rowsplit)."""
    span_cols = kinds_spanning(lay.cols)
    placed, group_top = [], None
    while i < len(rows):
        r, cut = rows[i], False
        need = r["h"]
        if r["kind"] == "section" and i + 1 < len(rows):
            need += rows[i + 1]["h"]  # a heading stays with its first row
        if lay.k["rowsplit"] == "yes" and top - need < BOTTOM:
            # A cut row may use the foot of the page down to 42 pt.
            pieces = split_row(lay, r, top - BOTTOM + 18, span_cols)
            if pieces:
                lay.stats["rows_cut_by_page_break"] += 1
                rows[i:i + 1] = pieces
                r, need, cut = pieces[0], pieces[0]["h"], True
        if cut and r["span"] and r["first"]:
            group_top = (top, r["h"])  # the cut row is the group's first fragment
        elif r["kind"] == "row" and r["span"] and r["first"]:
            g = group_extent(rows, i, top, BOTTOM)
            spanh = lay.height(max(len(r["lines"][j]) for j in span_cols))
            if g[1] < spanh and placed:
                break  # the task text must fit the group's first fragment
            group_top = g
        if top - need < BOTTOM and placed and not cut:
            break
        draw_row(cv, lay, top, r, group_top)
        placed.append((top, r))
        top -= r["h"]
        i += 1
        if cut:
            break  # the rest of a cut row opens the next page
    return i, top, placed


def draw_notes(pages, cv, lay, doc, top):
    """Notes under the table (and the colophon); returns the last canvas."""
    notes = [doc["first_lead_note"]] if lay.k["roles"] == "first-lead" else []
    notes += {"note": [doc["note"]], "colophon": doc["colophon"]}.get(lay.k["note"], [])
    if notes and top - 30 * len(notes) < BOTTOM:
        pages.append(cv)
        cv = Canvas(lay)
        top = lay.ph - lay.margin
    for note in notes:
        if note in doc["colophon"]:
            cv.line(lay.margin, top - 8, lay.pw - lay.margin, top - 8, 0.75)
            top -= 10
        cv.text(lay.margin, top - 20, note.replace("。", lay.k["punct"]), lay.size)
        top -= 26
    return cv


def paginate(lay, doc):
    """Draws everything; returns list of Canvas (one per page)."""
    rows = measure_rows(lay)
    pages, i = [], 0
    if lay.k["front"] == "notice":
        pages.append(notice_page(lay, doc))
    first = len(pages)
    while i < len(rows) or len(pages) == first:
        cv = Canvas(lay)
        top = lay.ph - lay.margin
        if len(pages) == first:
            top = front_matter(cv, lay, doc, top)
        header_box = None
        if len(pages) == first or lay.k["header"] == "repeat":
            h, h1 = draw_header(cv, lay, top)
            header_box = (top, h, h1)
            top -= h
        i, top, placed = fill_page(cv, lay, rows, i, top)
        rules(cv, lay, placed, header_box)
        if placed and i < len(rows) and rows[i]["kind"] == "row" and not rows[i]["first"]:
            lay.stats["task_cells_continued_across_page"] += 1
        if i >= len(rows):
            cv = draw_notes(pages, cv, lay, doc, top)
        pages.append(cv)
    for n, cv in enumerate(pages, 1):
        page_number(cv, lay, n, len(pages))
    return pages


# ---------------------------------------------------------------------------
# PDF writing (minipdf.py).
# ---------------------------------------------------------------------------


def write_pdf(path, lay, pages):
    pdf = minipdf.Pdf()
    catalog, root = pdf.add(""), pdf.add("")
    font = pdf.cid_font(set().union(*(cv.used for cv in pages)), " /W [32 126 500]")
    kids = []
    for cv in pages:
        c = pdf.stream("\n".join(cv.ops))
        kids.append(pdf.add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                            "/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                            % (root, lay.pw, lay.ph, font, c)))
    pdf.set(root, "<< /Type /Pages /Count %d /Kids [%s] >>"
            % (len(kids), " ".join("%d 0 R" % k for k in kids)))
    pdf.set(catalog, "<< /Type /Catalog /Pages %d 0 R >>" % root)
    pdf.write(path, catalog)


# ---------------------------------------------------------------------------
# Entry points.
# ---------------------------------------------------------------------------


def resolve_knobs(pairs):
    k = {name: values[0] for name, values in KNOBS.items()}
    for p in pairs:
        name, _, value = p.partition("=")
        if name not in KNOBS:
            raise SystemExit("make_plan.py: unknown knob %r (see --list-knobs)" % name)
        if value not in KNOBS[name]:
            raise SystemExit("make_plan.py: knob %s: %r is not one of %s"
                             % (name, value, KNOBS[name]))
        k[name] = value
    if k["wrap"] == "on" and k["join"] == "newline":
        # One name per line in a column too narrow for a name would make the
        # truth undecidable (is a wrapped name one name or two?).
        raise SystemExit("make_plan.py: knobs wrap=on and join=newline exclude each other")
    return k


def generate(base, seed, nrows, k):
    doc = content(seed, nrows)
    cols = columns(k)
    items, truth = build_rows(doc, k)
    lay = Layout(k, cols, items, doc)
    pages = paginate(lay, doc)
    write_pdf(base + ".pdf", lay, pages)
    title = "".join(doc["title"])
    document = {"attachment": None if k["front"] == "nolabel"
                else "附件%d" % doc["attachment_no"],
                "title": title, "year": doc["year"]}
    out = {"document": document,
           "columns": cols,
           "rows": truth, "knobs": dict(k, seed=seed, rows=nrows),
           "layout": dict(lay.stats, pages=len(pages), font_size=lay.size)}
    with open(base + ".expected.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rows", type=int, default=20)
    ap.add_argument("--knob", action="append", default=[], metavar="NAME=VALUE")
    ap.add_argument("--list-knobs", action="store_true")
    a = ap.parse_args(argv)
    if a.list_knobs:
        for name, values in KNOBS.items():
            print("%s: %s" % (name, " | ".join(values)))
        return 0
    if not a.out:
        ap.error("OUT_BASE is required")
    generate(a.out, a.seed, a.rows, resolve_knobs(a.knob))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
