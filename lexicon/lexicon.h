// Copyright 2026 The plan2json Authors.
//
// lexicon: the one place that answers "what is this text" for every reader
// (PDF grids, -layout dumps, reading-order dumps) and for the plan layer.
// Every predicate judges the text as a person reads it: the input is UTF-8,
// repaired with normalizer::NormalizeChars where punctuation width matters,
// and white space is ignored (typesetting spaces say nothing about meaning)
// unless stated otherwise. Nothing here keys on any particular plan's
// wording: rules come from Unicode properties and the grammar of Chinese
// administrative documents.
//
// Thread safety: every function is safe to call concurrently (tables are
// immutable after a thread-safe one-time initialisation; memos are
// thread_local).

#ifndef PLAN2JSON_LEXICON_LEXICON_H_
#define PLAN2JSON_LEXICON_LEXICON_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/normalizer.h"

namespace plan2json::lexicon {

// ---------------------------------------------------------------------------
// UTF-8 (over ICU's U8_NEXT / U8_APPEND)
// ---------------------------------------------------------------------------

// Code points of `utf8`; each ill-formed sequence becomes one U+FFFD.
std::u32string ToU32(std::string_view utf8);
// UTF-8 of `text`; surrogates and values above U+10FFFF become U+FFFD.
std::string ToUtf8(std::u32string_view text);
// Number of code points (ill-formed bytes count as one each).
size_t CodePoints(std::string_view utf8);
// The text with all white space removed (every Unicode White_Space
// character: ASCII blanks, \r \n \f \v, U+3000, NBSP, ...). No other change.
std::string Compact(std::string_view utf8);
// The text without leading and trailing white space.
std::string Trim(std::string_view utf8);
// NormalizeChars + Compact: the form every predicate below judges. Memoized
// per thread (returns a copy).
std::string NormCompact(std::string_view utf8);
// CJK as the normalizer means it: script Han, Hiragana, Katakana, Hangul or
// Bopomofo, or East_Asian_Width Wide/Fullwidth (so ，。（） and full-width
// digits count as CJK).
bool IsCjk(char32_t c);
// A Han ideograph: CJK Unified Ideographs with Extension A (U+3400-9FFF),
// the compatibility block (U+F900-FAFF) and the supplementary planes
// (U+20000-3FFFF). Unlike IsCjk, no punctuation, kana or full-width forms.
bool IsIdeograph(char32_t c);
// Dash-like characters: - ‐ ‑ ‒ – — ― ─ ━ － and ⁃ ﹣ ﹘.
bool IsDash(char32_t c);
// A pause or stop that never starts a text (the line-start rule of Chinese
// typesetting, which a cell's start obeys in every producer): 、，。．；：！？
// and , . ; : ! ? (a wrapped line of a cell may start with one; a cell may
// not).
bool IsNeverFirst(char32_t c);

// ---------------------------------------------------------------------------
// Lines and cells
// ---------------------------------------------------------------------------

// Ends like a finished sentence: 。！？； at the end, looking through closing
// quotes and brackets (”’」』）) 】〕 " '); ASCII ! ? ; likewise; ASCII '.'
// when the character before it (through closers) is CJK, a letter, '%' or a
// closer -- not after a digit ("PM2." is a cut number, "1." a sequence
// number). So a plan typed with '.' reads like one typed with '。'.
bool EndsSentence(std::string_view text);

// A line of running text rather than a heading or a title: it holds
// sentence punctuation (，。；！？) or ends a sentence. Quotes and colons
// alone do not make prose (“十四五”规划 is a title).
bool IsProseLine(std::string_view line);

// Page furniture by its decoration, safe to ask of ANY line, inside a table
// or not: "— 50 —", "-3-", "- 3 -", "—1—", "－３－" (any dash form, ASCII or
// full-width digits; also "· 3 ·" and "一 3 一" where 一 stands for a dash),
// "第3页", "第 3 页 共 9 页", "第3页/共9页", "第3页（共9页）", "3/9", "Page 3",
// "Page 3 of 9". A bare number is NOT furniture here.
bool IsPageFurniture(std::string_view line);
// IsPageFurniture, or a bare number of 1..4 digits ("3", "１２"). Only for
// lines the caller knows lie outside the table body (above the header,
// below the last row, in a page's margin): inside a table a bare number is
// a sequence cell.
bool IsPageNumberLine(std::string_view line);

// The attachment label when the line is only that label: "附件", "附件2",
// "附件 2", "附件二", "附件：", "附件2：" give "附件", "附件2", "附件2",
// "附件二", "附件", "附件2" (as printed, spaces and the trailing colon
// dropped). Anything after the label ("附件2：《…》", "附件2.xlsx") makes it
// prose, not a label: nullopt.
std::optional<std::string> AttachmentLabel(std::string_view line);

// Section heading level by the line's opening (the caller judges the rest,
// e.g. that it does not end a sentence): 1 for "一、…", "一.…", "第一部分…",
// "第一章…", "第一篇…"; 2 for "（一）…", "(一)…", "第一节…"; 0 otherwise.
// Some text must follow the marker. Sequence numbers ("1.", "（1）", "1、")
// are never sections.
int SectionLevel(std::string_view line);

// The integer of a printed sequence number, the whole cell being the number:
// "1", "1.", "1、", "1)", "（1）", "(1)", "[1]", "１", "１．", "①"..."⑳".
// nullopt for anything else: text, "0", numbers above 9999, "1.2".
std::optional<int> ParseSeq(std::string_view cell);

// "Nothing here": empty, white space, 无, 暂无, runs of dashes (———, —, -,
// －, ─ …), "/", "／", "\\" (white space ignored).
bool IsPlaceholder(std::string_view text);

// The year a plan's title names: the first 19xx/20xx followed by 年, in
// ASCII or full-width digits or Chinese numerals ("2022年", "２０２２年",
// "二〇二二年"; "2021—2023年…" gives 2021). nullopt when there is none.
std::optional<int> TitleYear(std::string_view title);

// Could be a document or attachment title (the lines joined): 4..80
// characters, no sentence punctuation (，。；：！？), and it ends -- before an
// optional closing 》 or ） -- in a title head: 表, 一览表, 分工, 分解, 清单,
// 台账, 计划, 方案, 要点, 任务, 安排, 措施, 名单, 事项, 细则, 意见, 办法,
// 规划, 通知. "成都市2022年数字经济发展工作要点重点任务" + "分工" joined is
// one; either line alone may not be.
bool LooksLikeTitle(std::string_view text);

// ---------------------------------------------------------------------------
// Deadlines: one grammar that recognises and resolves.
// ---------------------------------------------------------------------------

// nullopt when the whole text is not a deadline phrase; otherwise the Due
// resolved against the plan's `year` (0 = unknown: then only phrases
// carrying their own year get a date, the others kind text).
// Grammar (after NormalizeChars, without spaces, full-width digits and
// Chinese numerals read as numbers, trailing 。，；、： and a final
// 前/以前/之前/为止/止 [+完成] ignored):
//   年底, 年末, 年内, 年度, 全年          -> year-12-31
//   N月, N月份, N月底, N月末              -> last day of month N
//   N月N日/号                             -> that day
//   N月上旬/中旬/下旬                     -> 10th / 20th / last day
//   第N季度, N季度(末/底)                 -> last day of the quarter
//   上半年, 年中 / 下半年                 -> 06-30 / 12-31
//   each optionally after YYYY年 (that year), 次年/明年/翌年/下一年度 (year+1)
//   or 今年/当年/本年(度) (the plan year); YYYY年 alone -> 12-31.
//   ranges A—B (— – - ～ ~ 至 到 between two periods; "2023—2025年",
//   "2023年3月—6月")                     -> kind date, the end of B (B takes
//   A's explicit year when it has none)
//   持续/长期/常态化/定期/每年/每半年/每季度/每月/每周/逐年/按月/按季(度)/
//   按年(度), optionally + a verb (推进, 坚持, 开展, ...) or + a period
//   or day ("每年年底前", "每月10日前")  -> ongoing
//   截至/截止/至/到 before a period ("截至2023年底") changes nothing
//   按(照)/根据/依据 + (…) + 部署/安排/要求/进度, 另行通知/安排/确定,
//   待/视 + (…) + 确定/情况/安排/而定, 适时/近期/尽快/立即 (+ a verb),
//   按期/如期                            -> text (recognised, no date)
//   lists of the above joined by 、，；和及 -> text (no single date)
//   a recognised period that cannot be resolved (2月30日, year 0) -> text.
std::optional<normalizer::Due> MatchDeadline(std::string_view text, int year);
// MatchDeadline(text, any year).has_value().
bool IsDeadline(std::string_view text);
// Deadlines run together in one text, as an unruled table or a dump may
// deliver two rows' deadline cells ("2021年6月30日前下半年" -> "2021年6月30日前",
// "下半年"): the fewest pieces (two or more, in order, each IsDeadline) that
// make up the whole text without spaces. nullopt when the text is a deadline
// itself (lists such as "6月底前、12月底前" are one) or no such split exists.
std::optional<std::vector<std::string>> SplitDeadlines(std::string_view text);
// Could a wrap have cut a deadline here: the text is not a deadline itself
// but some short completion makes it one ("持续推" of 持续推进, "2023—" of
// 2023—2025年, "6月底" + "前" is already one so false, "按国家" of 按国家部署,
// "第三季" of 第三季度).
bool IsDeadlinePrefix(std::string_view text);

// ---------------------------------------------------------------------------
// Department names
// ---------------------------------------------------------------------------

// A well-formed department name by shape, not by a list: no sentence
// punctuation, no 、 outside brackets (inside, it lists levels: "各县（市、
// 区）政府"), 2..40 characters, balanced brackets; not opening like a clause
// (a verb or adverb a measure starts with -- 推动, 加强, 依法 --, a
// conjunction, a bare head character as in "委组织部" cut from 党委组织部, or
// a role word: "牵头单位" is a header); not a bare tail (IsNameSuffix); and,
// looking at the name without a trailing bracketed remark ("学生工作部（处）"):
//  - a collective (各…, 相关…, 有关…, 其他…) ending in a head, a level or
//    地/方面 (各区, 相关部门, 各设区市, 各地; not "各学", cut from 各学院), or
//  - some text and then an organisational head: 委 厅 局 办 处 室 部 院 会
//    队 所 站 馆 署 组 校 中心 公司 集团 单位 部门 机构 机关 组织 兵团 海关
//    银行/分行/支行 大学 学校 政府 人民政府 管委会 办事处 妇联 科协 专班 ...
//    (each head lists the characters before it that make a word instead:
//    布局, 社会, 部署, 干部, 举办, 依法治校 ...), or
//  - a place (…区 …县 …市 …州 …旗 …盟 …镇 …乡 …街道 …社区) with at
//    least two characters before the suffix ("东城区", "天府新区"; not
//    "示范区").
bool LooksLikeDepartment(std::string_view name);
// A name for several departments that names none: optionally 各, a level
// (省 市 区 县 乡 镇, with or without 级) and 各 again, then 有关 or 相关, then
// 部门 or 单位 ("市级有关部门", "各相关单位", "有关部门"; not "有关部门负责人").
// Well-formed whether a list of names holds it or not.
bool IsCollectiveName(std::string_view name);
// Ends (before trailing bracketed remarks) in an organisational head as
// LooksLikeDepartment reads them -- not a place or a bare collective: "有关
// 单位", "市水务局", "学生工作部（处）" yes; "东城区", "各区", "天府新区" no.
// A name that has one is finished at a line break; a place may go on
// ("四川天府新区" + "成都管委会").
bool HasOrganisationHead(std::string_view name);
// The text alone is a tail that only continues a wrapped name: 局, 委, 办,
// 厅, 处, 室, 部, 院, 会, 队, 所, 站, 馆, 中心, 公司, 集团, 管委会, 委员会,
// 办公室, 办公厅, 政府, 人民政府, 总队, 支队, 大队, 分局, 有限公司,
// 管理局, 管理处, 办事处, 街道办事处, …
bool IsNameSuffix(std::string_view text);
// A line break between `before` and `after` falls inside an organisational
// head word: "纪委办" | "公室" (办公室), "各部" | "门" (部门), "市科技" | "局"
// is not one (局 is a whole head: ask IsNameSuffix). What follows the cut
// head must be nothing or a tail ("人行苏州市中" | "心支行"), so "市委宣传部" |
// "门头沟区政府" is no cut. A wrap, never a boundary between two names.
bool CutsNameHead(std::string_view before, std::string_view after);

// ---------------------------------------------------------------------------
// Notes and closing blocks
// ---------------------------------------------------------------------------

// Starts like a note: 注：, 注1：, 注:, 备注：, 说明：, 注释：.
bool IsNoteLine(std::string_view line);
// Says the unit listed first leads, in any wording: first (第一, 第1, 首,
// 首位, 首个, 第一个, 排名第一, 列在首位) ... then 牵头 / 主责 / 负总责 within a
// short distance ("注：排在第一位的为牵头单位", "第一个单位为牵头单位",
// "列在首位的单位牵头", "责任单位中排名第一的为牵头单位"). Not "牵头单位为
// 第一责任人" (牵头 before the first-word).
bool IsFirstListedLeadNote(std::string_view line);
// A line of the closing block: starts 抄送 / 主送, ends 印发 (…办公室
// 2023年1月5日印发), holds 印发日期 / 印发时间, is "（此件公开发布）" or
// starts 公开方式： / 公开属性：.
bool IsColophon(std::string_view line);

}  // namespace plan2json::lexicon

#endif  // PLAN2JSON_LEXICON_LEXICON_H_
