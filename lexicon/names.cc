// Copyright 2026 The plan2json Authors.
//
// Department-name shape (lexicon.h: LooksLikeDepartment, IsNameSuffix).
// Names are judged by their form -- an administrative or organisational
// head at the end, a collective opening, or a place -- never by a list of
// names. The suffix tables below are the generic heads of Chinese
// organisation names; each head lists the characters that, right before it,
// make an ordinary word instead (布局, 社会, 部署, 干部, 举办, ...).

#include <iterator>
#include <string>
#include <vector>
#include <string_view>

#include "lexicon/lexicon.h"
#include "lexicon/lexicon_internal.h"

namespace plan2json::lexicon {
namespace {

using internal::EndsWith;
using internal::IsCloseBracket;
using internal::IsOpenBracket;
using internal::StartsWith;

struct Head {
  std::u32string_view suffix;
  std::u32string_view not_after;  // characters before it that make a word
};

// Organisational heads, longest first where one ends another. 全 is not
// among the characters that make a word before 局/部: 安全局 and 国家安全部
// are names; the words 全局/全部 are caught as clause openers instead.
constexpr Head kHeads[] = {
    {U"街道办事处", U""}, {U"人民政府", U""}, {U"管委会", U""},
    {U"委员会", U""},     {U"办事处", U""},   {U"办公室", U""},
    {U"办公厅", U""},     {U"工商联", U""},   {U"社科联", U""},
    {U"中心", U""},       {U"公司", U""},     {U"集团", U""},
    {U"单位", U""},       {U"部门", U""},     {U"机构", U""},
    {U"海关", U""},       {U"银行", U""},     {U"分行", U""},
    {U"支行", U""},       {U"大学", U""},     {U"学校", U""},
    {U"政府", U""},       {U"专班", U""},     {U"妇联", U""},
    {U"侨联", U""},       {U"文联", U""},     {U"残联", U""},
    {U"台联", U""},       {U"科协", U""},     {U"政协", U""},
    {U"作协", U""},       {U"报社", U""},     {U"出版社", U""},
    {U"合作社", U""},     {U"电视台", U""},   {U"气象台", U""},
    {U"供销社", U""},     {U"通讯社", U""},   {U"杂志社", U""},
    {U"兵团", U""},       {U"机关", U""},     {U"工委", U""},
    {U"组织", U""},       {U"中央", U""},     {U"华社", U""},  // 新华社
    {U"委", U"托"},
    {U"厅", U"大展餐客门"},
    {U"局", U"布格大开结变时棋饭当骗赌"},
    {U"办", U"举创承主督包兴开协申试筹代操首"},
    {U"处", U"之好到相住深益用难远近别各"},
    {U"室", U"教居温卧浴暗密"},
    {U"部", U"内局外东西南北中头底背顶干细俱腹胸肺"},
    {U"院", U"庭剧影"},
    {U"会", U"社机大议晚聚宴展览动谈进流布都体理领融例年约交盛峰论坛"
            U"舞酒茶庙"},
    {U"队", U"团梯排入归列"},
    {U"所", U"场厕住处诊"},
    {U"站", U"网车"},
    {U"馆", U""},
    {U"署", U"部签"},
    {U"组", U"重改分编机"},
    {U"校", U"学治兴立强建办"},
};

// Places: a name of at least two characters before the head.
constexpr Head kPlaces[] = {
    {U"自治区", U""}, {U"街道", U""}, {U"社区", U""},
    {U"区", U"范验点园景片域辖校街护灾疫山矿库沙港"},
    {U"县", U""},     {U"市", U"城超都门上"},
    {U"州", U""},     {U"旗", U""},   {U"盟", U"联同"},
    {U"镇", U"城乡集"},
    {U"乡", U"城家故下老同"},
};

constexpr std::u32string_view kCollectives[] = {U"各", U"相关", U"有关",
                                                U"其他", U"其它"};

// Words that open a clause, never a name: conjunctions and particles, a
// head character alone (a wrapped tail such as "委组织部"), and the verbs
// and adverbs a measure starts with ("推动数据中心", "依法治校").
bool StartsLikeClause(std::u32string_view base) {
  if (std::u32string_view(U"与和及暨等的之委局厅处室队所站馆署")
          .find(base.front()) != std::u32string_view::npos) {
    return true;
  }
  static constexpr std::u32string_view kOpeners[] = {
      U"推动", U"推进", U"加强", U"加快", U"完善", U"开展", U"实施", U"落实",
      U"纳入", U"依法", U"提升", U"强化", U"促进", U"支持", U"鼓励", U"引导",
      U"制定", U"建立", U"健全", U"深化", U"优化", U"打造", U"培育", U"做好",
      U"抓好", U"确保", U"全面", U"积极", U"持续", U"进一步", U"严格", U"着力",
      U"大力", U"扎实", U"切实", U"年底", U"力争", U"争取", U"实现", U"完成",
      U"新建", U"新增", U"累计", U"组建", U"成立", U"设立", U"筹建", U"依托",
      U"围绕", U"聚焦", U"按照", U"根据", U"通过", U"对",   U"在",   U"将",
      U"把",   U"由",   U"为",   U"以",   U"向",   U"从",   U"到",
      U"全部", U"全局", U"全体", U"坚持", U"深入",
      // role words: "牵头单位", "责任部门" are headers, not names
      U"牵头", U"责任", U"配合", U"协办", U"协助", U"主责", U"主办", U"参与",
  };
  for (std::u32string_view opener : kOpeners) {
    if (StartsWith(base, opener)) return true;
  }
  return false;
}

// A collective (各…, 相关…) names a kind of body or place: it ends in an
// organisational head, an administrative level, or 地/级/方面.
bool EndsLikeCollective(std::u32string_view base) {
  if (std::u32string_view(U"区县市州旗盟镇乡村地").find(base.back()) !=
      std::u32string_view::npos) {
    return true;
  }
  if (base == U"各级") return true;
  if (EndsWith(base, U"方面") || EndsWith(base, U"街道") ||
      EndsWith(base, U"社区")) {
    return true;
  }
  for (const Head& head : kHeads) {
    if (EndsWith(base, head.suffix)) return true;
  }
  return false;
}

bool EndsWithHead(std::u32string_view base, const Head& head, size_t min_before) {
  if (!EndsWith(base, head.suffix)) return false;
  const size_t before = base.size() - head.suffix.size();
  if (before < min_before) return false;
  const char32_t prev = base[before - 1];
  return head.not_after.find(prev) == std::u32string_view::npos;
}

bool IsNameChar(char32_t c) {
  if (IsCjk(c)) {
    // Full-width punctuation is East_Asian_Width W: only brackets and the
    // middle dot belong in names.
    return std::u32string_view(U"，。；：！？、“”‘’《》「」『』…—")
               .find(c) == std::u32string_view::npos;
  }
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') ||
         (c >= U'a' && c <= U'z') || c == U'·' || c == U'•' ||
         IsOpenBracket(c) || IsCloseBracket(c);
}

// The name without trailing bracketed remarks ("学生工作部（处）" ->
// "学生工作部"); empty when brackets do not balance.
std::u32string_view StripRemarks(std::u32string_view u) {
  int depth = 0;
  for (char32_t c : u) {
    if (IsOpenBracket(c)) ++depth;
    if (IsCloseBracket(c) && --depth < 0) return {};
  }
  if (depth != 0) return {};
  while (!u.empty() && IsCloseBracket(u.back())) {
    int d = 0;
    size_t i = u.size();
    while (i > 0) {
      --i;
      if (IsCloseBracket(u[i])) ++d;
      if (IsOpenBracket(u[i]) && --d == 0) break;
    }
    u = u.substr(0, i);
  }
  return u;
}

}  // namespace

bool IsCollectiveName(std::string_view name) {
  if (name.size() > 120) return false;
  const std::u32string u = ToU32(NormCompact(name));
  std::u32string_view rest(u);
  auto take = [&rest](std::u32string_view word) {
    if (rest.substr(0, word.size()) != word) return false;
    rest.remove_prefix(word.size());
    return true;
  };
  take(U"各");
  for (std::u32string_view level : {U"省", U"市", U"区", U"县", U"乡", U"镇"}) {
    if (take(level)) {
      take(U"级");
      break;
    }
  }
  take(U"各");
  if (!take(U"有关") && !take(U"相关")) return false;
  return rest == U"部门" || rest == U"单位";
}

bool LooksLikeDepartment(std::string_view name) {
  if (name.size() > 240) return false;
  const std::u32string u = ToU32(NormCompact(name));
  if (u.size() < 2 || u.size() > 40) return false;
  int depth = 0;
  for (char32_t c : u) {
    if (IsOpenBracket(c)) ++depth;
    if (IsCloseBracket(c)) --depth;
    // 、 lists levels inside a remark ("各县（市、区）政府"), never names.
    if (c == U'、' && depth > 0) continue;
    if (!IsNameChar(c)) return false;
  }
  if (IsOpenBracket(u.front()) || IsCloseBracket(u.front())) return false;
  const std::u32string_view base = StripRemarks(u);
  if (base.empty() || IsNameSuffix(ToUtf8(base))) return false;  // a tail
  if (StartsLikeClause(base)) return false;
  for (std::u32string_view collective : kCollectives) {
    if (StartsWith(base, collective) && base.size() > collective.size() &&
        EndsLikeCollective(base)) {
      return true;
    }
  }
  for (const Head& head : kHeads) {
    if (EndsWithHead(base, head, 1)) return true;
  }
  for (const Head& place : kPlaces) {
    if (EndsWithHead(base, place, 2)) return true;
  }
  return false;
}

namespace {

// Tails a wrapped name can end with, alone on the next line.
constexpr std::u32string_view kTails[] = {
    U"局",       U"委",       U"办",       U"厅",       U"处",
    U"室",       U"部",       U"院",       U"会",       U"队",
    U"所",       U"站",       U"馆",       U"署",       U"组",
    U"府",       U"联",       U"协",       U"中心",     U"公司",
    U"集团",     U"单位",     U"机构",     U"部门",     U"海关",
    U"银行",     U"街道",     U"法院",     U"乡镇",     U"学院",
    U"政府",     U"人民政府", U"管委会",   U"委员会",   U"办公室",
    U"办公厅",   U"总队",     U"支队",     U"大队",     U"分局",
    U"总站",     U"分公司",   U"有限公司", U"有限责任公司",
    U"股份有限公司", U"股份公司",
    U"管理局",   U"管理处",   U"管理中心", U"管理委员会",
    U"服务中心", U"工作组",   U"领导小组", U"办事处",   U"街道办事处",
    U"分行",     U"支行",     U"研究院",   U"研究所",   U"集团公司",
    U"指挥部",   U"专班",     U"工作专班",
};

}  // namespace

bool HasOrganisationHead(std::string_view name) {
  const std::u32string u = ToU32(NormCompact(name));
  const std::u32string_view base = StripRemarks(u);
  if (base.empty()) return false;
  for (const Head& head : kHeads) {
    if (EndsWithHead(base, head, 1)) return true;
  }
  return false;
}

bool IsNameSuffix(std::string_view text) {
  const std::u32string u = ToU32(NormCompact(text));
  for (std::u32string_view tail : kTails) {
    if (u == tail) return true;
  }
  return false;
}

bool CutsNameHead(std::string_view before, std::string_view after) {
  const std::u32string b = ToU32(NormCompact(before));
  const std::u32string a = ToU32(NormCompact(after));
  if (b.empty() || a.empty()) return false;
  // Besides the heads, the Party committees' departments (市委组织部,
  // 区委宣传部): a break inside them is a wrap too.
  static constexpr std::u32string_view kPartyHeads[] = {U"组织部", U"宣传部", U"统战部",
                                                        U"政法委"};
  static const std::vector<std::u32string_view> kHeads = [] {
    std::vector<std::u32string_view> heads(std::begin(kTails), std::end(kTails));
    heads.insert(heads.end(), std::begin(kPartyHeads), std::end(kPartyHeads));
    return heads;
  }();  // built once, not at every line break of every cell
  for (std::u32string_view tail : kHeads) {
    for (size_t k = 1; k < tail.size(); ++k) {
      const std::u32string_view rest = tail.substr(k);
      if (!EndsWith(b, tail.substr(0, k)) || !StartsWith(a, rest)) continue;
      // What follows the head must end the name too: "各部" + "门" and
      // "人行苏州市中" + "心支行" are cut heads, "市委宣传部" + "门头沟区政府"
      // is not.
      const std::u32string after_head = a.substr(rest.size());
      if (after_head.empty() || IsNameSuffix(ToUtf8(after_head))) return true;
    }
  }
  return false;
}

}  // namespace plan2json::lexicon
