// selection_texts: the texts of the open selection pages (/selections and
// /selections/{id}) in both languages, added to i18n's dictionaries when
// either page loads; the reasons of a refusal from their code and figures.

import { addTexts, t } from './i18n.js';

const zh = {
  'sel.title': '公开选拔与招录',
  'sel.intro': '面向全市公开选拔（如横琴新区）和应届毕业生招录（如泰达）：岗位与资格条件、报名资格自动审查、笔试、按比例确定面试人选、面试、由考核引擎排名、依次任用。',
  'sel.empty': '还没有选拔活动。',
  'sel.col.name': '名称', 'sel.col.kind': '类别', 'sel.col.as_of': '计算日期', 'sel.col.state': '阶段',
  'sel.col.posts': '岗位', 'sel.col.applications': '报名', 'sel.col.appointed': '已任用',
  'sel.kind.selection': '公开选拔', 'sel.kind.recruitment': '招录',
  'sel.state.open': '报名中', 'sel.state.written': '笔试', 'sel.state.interview': '面试', 'sel.state.ranked': '已排名',
  'sel.new': '新建选拔活动', 'sel.f.name': '名称', 'sel.f.kind': '类别', 'sel.f.as_of': '年龄、任职年限计算至',
  'sel.f.written_weight': '笔试权重（%，其余为面试）', 'sel.f.ratio': '面试比例（每个职位几人）', 'sel.f.document': '公告文号',
  'sel.create': '创建',
  'sel.weights': '笔试 {w}%，面试 {i}%，面试比例 1:{r}', 'sel.document': '文号：{d}',
  'sel.posts': '岗位', 'sel.no_posts': '还没有岗位。',
  'sel.pcol.unit': '单位', 'sel.pcol.title': '岗位', 'sel.pcol.places': '名额', 'sel.pcol.rules': '资格条件',
  'sel.pcol.applications': '报名', 'sel.pcol.eligible': '资格合格', 'sel.pcol.appointed': '已任用',
  'sel.add_post': '添加岗位', 'sel.f.unit': '单位', 'sel.f.title': '岗位名称', 'sel.f.staff_type': '编制类型',
  'sel.f.rank': '任职级', 'sel.f.places': '名额', 'sel.f.age_max': '年龄上限（周岁）', 'sel.f.rank_lowest': '现职级不低于',
  'sel.f.years_min': '任现职级年限不少于（年）', 'sel.f.education': '学历不低于', 'sel.f.school_tier': '院校层次',
  'sel.any': '不限',
  'sel.edu.doctor': '博士研究生', 'sel.edu.master': '硕士研究生', 'sel.edu.bachelor': '大学本科', 'sel.edu.college': '大学专科',
  'sel.tier.211': '211 及以上', 'sel.tier.985': '985',
  'sel.rule.age_min': '{n} 周岁以上', 'sel.rule.age_max': '{n} 周岁以下', 'sel.rule.rank_lowest': '{r}及以上',
  'sel.rule.rank_highest': '不高于{r}', 'sel.rule.years_min': '任现职级满 {n} 年', 'sel.rule.education': '{e}及以上学历',
  'sel.rule.school_tier': '{t}院校', 'sel.rule.staff_types': '限{s}', 'sel.rule.none': '不限',
  'sel.apply': '报名', 'sel.f.search': '查找人员（姓名）', 'sel.f.person': '人员', 'sel.f.post': '岗位', 'sel.find': '查找',
  'sel.applications': '报名与成绩', 'sel.no_applications': '还没有报名。',
  'sel.acol.place': '名次', 'sel.acol.person': '姓名', 'sel.acol.post': '岗位', 'sel.acol.eligible': '资格审查',
  'sel.acol.written': '笔试', 'sel.acol.interview': '面试', 'sel.acol.total': '综合成绩', 'sel.acol.rank': '排名',
  'sel.acol.state': '状态', 'sel.acol.actions': '操作',
  'sel.eligible': '合格', 'sel.ineligible': '不合格', 'sel.shortlisted': '进入面试',
  'sel.astate.applied': '', 'sel.astate.withdrawn': '已放弃', 'sel.astate.appointed': '已任用',
  'sel.save_written': '保存笔试成绩', 'sel.save_interview': '保存面试成绩', 'sel.shortlist': '确定面试人选',
  'sel.rank': '计算综合成绩并排名', 'sel.appoint': '任用', 'sel.withdraw': '放弃', 'sel.f.start_date': '任职日期',
  'sel.f.appoint_document': '任职文号', 'sel.f.reason': '超编理由（如需）', 'sel.saved': '已保存。',
  'sel.reason.too_young': '年龄 {age} 周岁，岗位要求不低于 {limit} 周岁',
  'sel.reason.too_old': '年龄 {age} 周岁，岗位要求不超过 {limit} 周岁',
  'sel.reason.no_rank': '无职级，岗位要求职级',
  'sel.reason.rank_too_low': '职级低于{limit}', 'sel.reason.rank_too_high': '职级高于{limit}',
  'sel.reason.years_too_short': '任现职级 {years} 年，岗位要求满 {limit} 年',
  'sel.reason.education': '学历低于{limit}', 'sel.reason.school_tier': '毕业院校不是{limit}院校',
  'sel.reason.staff_type': '编制类型不符合岗位要求',
  'sel.sheets': '表格', 'sel.import_scores': '导入成绩', 'sel.f.stage': '成绩类别',
  'sel.stage.written': '笔试成绩', 'sel.stage.interview': '面试成绩', 'sel.scores_sheet': '下载成绩表',
  'sel.scores_hint': '下载成绩表（列出本阶段应考人员的报名号和姓名），由考试机构填写“成绩”列（缺考写“缺考”）后导入；也可用身份证号代替报名号。文件中只要有一行有误，全部成绩都不录入，并列出每个问题。',
  'sel.import_apps': '导入报名信息',
  'sel.apps_hint': '报名表每行一人：身份证号（人员须已在系统中）和岗位名称；不同单位有同名岗位时另填“单位”。每人按岗位条件审查，不符合的也登记并注明原因；同一人只能报一个岗位。文件中只要有一行有误，全部不登记，并列出每个问题。',
  'nav.selections': '公开选拔',
};

const en = {
  'sel.title': 'Open selection and recruitment',
  'sel.intro': 'City-wide open selection (e.g. for Hengqin) and graduate recruitment (e.g. TEDA): posts and their eligibility rules, an automatic check of each application, the written exam, the shortlist for interviews at a ratio, the interview, the ranking by the assessment engine, and appointments in order.',
  'sel.empty': 'No campaigns yet.',
  'sel.col.name': 'Name', 'sel.col.kind': 'Kind', 'sel.col.as_of': 'Counted to', 'sel.col.state': 'Stage',
  'sel.col.posts': 'Posts', 'sel.col.applications': 'Applications', 'sel.col.appointed': 'Appointed',
  'sel.kind.selection': 'Open selection', 'sel.kind.recruitment': 'Recruitment',
  'sel.state.open': 'Applications open', 'sel.state.written': 'Written exam', 'sel.state.interview': 'Interviews',
  'sel.state.ranked': 'Ranked',
  'sel.new': 'New campaign', 'sel.f.name': 'Name', 'sel.f.kind': 'Kind', 'sel.f.as_of': 'Ages and years counted to',
  'sel.f.written_weight': 'Written exam weight (%; the interview the rest)', 'sel.f.ratio': 'Interviews a place',
  'sel.f.document': 'Notice document', 'sel.create': 'Create',
  'sel.weights': 'Written {w}%, interview {i}%, interviews 1:{r}', 'sel.document': 'Document: {d}',
  'sel.posts': 'Posts', 'sel.no_posts': 'No posts yet.',
  'sel.pcol.unit': 'Unit', 'sel.pcol.title': 'Post', 'sel.pcol.places': 'Places', 'sel.pcol.rules': 'Eligibility',
  'sel.pcol.applications': 'Applications', 'sel.pcol.eligible': 'Eligible', 'sel.pcol.appointed': 'Appointed',
  'sel.add_post': 'Add a post', 'sel.f.unit': 'Unit', 'sel.f.title': 'Post title', 'sel.f.staff_type': 'Staff type',
  'sel.f.rank': 'Rank given', 'sel.f.places': 'Places', 'sel.f.age_max': 'Highest age', 'sel.f.rank_lowest': 'Present rank at least',
  'sel.f.years_min': 'Years at the present rank', 'sel.f.education': 'Education at least', 'sel.f.school_tier': 'School tier',
  'sel.any': 'Any',
  'sel.edu.doctor': 'Doctorate', 'sel.edu.master': "Master's", 'sel.edu.bachelor': "Bachelor's", 'sel.edu.college': 'College',
  'sel.tier.211': '211 or 985', 'sel.tier.985': '985',
  'sel.rule.age_min': 'at least {n}', 'sel.rule.age_max': '{n} or under', 'sel.rule.rank_lowest': '{r} or above',
  'sel.rule.rank_highest': 'not above {r}', 'sel.rule.years_min': '{n} years at the rank', 'sel.rule.education': '{e} or above',
  'sel.rule.school_tier': '{t} school', 'sel.rule.staff_types': 'only {s}', 'sel.rule.none': 'none',
  'sel.apply': 'Apply', 'sel.f.search': 'Find a person (name)', 'sel.f.person': 'Person', 'sel.f.post': 'Post', 'sel.find': 'Find',
  'sel.applications': 'Applications and scores', 'sel.no_applications': 'No applications yet.',
  'sel.acol.place': 'Place', 'sel.acol.person': 'Name', 'sel.acol.post': 'Post', 'sel.acol.eligible': 'Eligibility',
  'sel.acol.written': 'Written', 'sel.acol.interview': 'Interview', 'sel.acol.total': 'Total', 'sel.acol.rank': 'Rank',
  'sel.acol.state': 'State', 'sel.acol.actions': 'Actions',
  'sel.eligible': 'Eligible', 'sel.ineligible': 'Not eligible', 'sel.shortlisted': 'Shortlisted',
  'sel.astate.applied': '', 'sel.astate.withdrawn': 'Withdrawn', 'sel.astate.appointed': 'Appointed',
  'sel.save_written': 'Save written scores', 'sel.save_interview': 'Save interview scores',
  'sel.shortlist': 'Make the interview shortlist', 'sel.rank': 'Compute totals and rank', 'sel.appoint': 'Appoint',
  'sel.withdraw': 'Withdraw', 'sel.f.start_date': 'Start date', 'sel.f.appoint_document': 'Appointment document',
  'sel.f.reason': 'Reason to exceed the quota (if needed)', 'sel.saved': 'Saved.',
  'sel.reason.too_young': 'aged {age}; the post takes {limit} or older',
  'sel.reason.too_old': 'aged {age}; the post takes {limit} or under',
  'sel.reason.no_rank': 'holds no rank; the post asks for one',
  'sel.reason.rank_too_low': 'rank below {limit}', 'sel.reason.rank_too_high': 'rank above {limit}',
  'sel.reason.years_too_short': '{years} years at the rank; the post asks for {limit}',
  'sel.reason.education': 'education below {limit}', 'sel.reason.school_tier': 'not a {limit} school',
  'sel.reason.staff_type': 'a staff type the post does not take',
  'sel.sheets': 'Spreadsheets', 'sel.import_scores': 'Import scores', 'sel.f.stage': 'Scores of',
  'sel.stage.written': 'the written exam', 'sel.stage.interview': 'the interview', 'sel.scores_sheet': 'Download the scores sheet',
  'sel.scores_hint': 'Download the scores sheet (the application numbers and names of those who sit this stage); the exam centre fills in the 成绩 column (缺考 for an absent candidate) and you import it; an ID number may stand for the application number. If any row is wrong, no score is entered and every problem is listed.',
  'sel.import_apps': 'Import applications',
  'sel.apps_hint': 'One applicant a row: the ID number (the person must be on record) and the post\'s title; add 单位 (the unit) when posts of different units share a title. Each is checked against the post\'s rules and recorded, eligible or not, with the reasons; a person applies for one post. If any row is wrong, nothing is recorded and every problem is listed.',
  'nav.selections': 'Open selection',
};

addTexts({ 'zh-CN': zh, en });

// A reason of refusal as a sentence in the current language.
export function reasonText(r) {
  const args = { ...r };
  if (r.code === 'education' && r.limit) args.limit = t(`sel.edu.${r.limit}`);
  if ((r.code === 'rank_too_low' || r.code === 'rank_too_high') && r.limit) args.limit = t(`rank.${r.limit}`);
  if (r.code === 'years_too_short' && r.years === null) args.years = '—';
  const key = `sel.reason.${r.code}`;
  const s = t(key, args);
  return s === key ? r.message : s;
}
