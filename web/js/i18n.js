// i18n: every text the UI shows, in 简体中文 (the default) and English,
// and the small DOM helper that builds elements whose texts are keys.
//
// An element made with el(..., { text: 'login.title' }) carries
// data-i18n="login.title"; applyTexts() fills it in the current language.
// Switching the language re-runs applyTexts() over the page, so forms keep
// what the user has typed. Words follow docs GLOSSARY.md.

const STORAGE_KEY = 'kaohe.lang';
export const LANGS = ['zh-CN', 'en'];
export const DEFAULT_LANG = 'zh-CN';

const zh = {
  'app.name': '考核',
  'app.latin': 'kaohe',
  'app.tagline': '新区干部管理与考核系统',
  'app.title': '考核 kaohe',
  'app.skip': '跳到主要内容',
  'app.loading': '正在加载…',
  'app.footer': '内部系统，仅限授权人员使用。',
  'app.load_failed': '页面加载失败，请刷新重试。',
  'app.not_found': '没有这个页面。',
  'app.back_home': '返回首页',

  'header.lang': '语言',
  'header.user': '当前用户',
  'header.logout': '退出',
  'nav.label': '主导航',
  'nav.home': '首页',
  'nav.password': '修改密码',
  'nav.units': '单位',
  'nav.people': '人员',
  'nav.pay': '工资',
  'nav.assessment': '考核',
  'nav.audit': '审计日志',

  'role.sysadmin': '系统管理员',
  'role.secadmin': '安全管理员',
  'role.auditor': '审计管理员',
  'role.assessor': '考核管理员(组织部)',
  'role.reporter': '单位填报员',
  'role.cadre': '干部',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.need_username': '请输入用户名。',
  'login.need_password': '请输入密码。',
  'login.session_ended': '会话已结束，请重新登录。',
  'login.logged_out': '您已安全退出。',
  'login.hint': '首次登录请使用管理员发放的一次性密码，登录后须立即修改。',

  'pw.title': '修改密码',
  'pw.must_change': '首次登录或密码被重置后，须先修改密码才能继续使用系统。',
  'pw.old': '原密码',
  'pw.new': '新密码',
  'pw.repeat': '再次输入新密码',
  'pw.submit': '修改密码',
  'pw.submitting': '正在保存…',
  'pw.policy': '密码要求',
  'pw.rule_length': '至少 10 个字符',
  'pw.rule_classes': '大写字母、小写字母、数字、其他字符中至少三类',
  'pw.rule_username': '不得包含用户名',
  'pw.rule_old': '不得与原密码相同',
  'pw.met': '（已满足）',
  'pw.unmet': '（未满足）',
  'pw.mismatch': '两次输入的新密码不一致。',
  'pw.need_old': '请输入原密码。',
  'pw.need_new': '请输入新密码。',
  'pw.done': '密码已修改。',

  'home.title': '首页',
  'home.greeting': '{name}，您好！',
  'home.account': '账户信息',
  'home.username': '用户名',
  'home.display_name': '姓名',
  'home.roles': '角色',
  'home.expires': '本次会话到期时间',
  'home.idle': '空闲超过 {minutes} 分钟将自动退出。',
  'home.no_roles': '该账户尚未分配角色，请联系安全管理员授予角色。',
  'home.sections': '功能',
  'home.coming': '单位、人员、考核等功能将陆续开放。',

  'audit.title': '审计日志',
  'audit.seq': '序号',
  'audit.at': '时间',
  'audit.account': '账户',
  'audit.action': '操作',
  'audit.object': '对象',
  'audit.client': '客户端',
  'audit.empty': '没有记录。',
  'audit.total': '共 {total} 条，显示第 {from}–{to} 条',
  'audit.prev': '上一页',
  'audit.next': '下一页',
  'audit.verify': '校验哈希链',
  'audit.verify_ok': '哈希链完整，共 {records} 条记录。',
  'audit.verify_broken': '哈希链在第 {at} 条处断开：{reason}',

  'units.title': '单位',
  'units.intro_assessor': '新区的单位树：各单位的类型、承担的职能，以及各编制、职数的核定数、实有数、空编数和超编数（本单位及含下级合计）。',
  'units.intro_reporter': '本单位及下级单位的类型、职能和编制、职数情况。',
  'units.total': '共 {total} 个单位。',
  'units.empty': '还没有单位。',
  'units.expand_all': '全部展开',
  'units.collapse_all': '全部收起',
  'units.expand': '展开下级单位',
  'units.collapse': '收起下级单位',
  'units.functions': '承担职能：',
  'units.no_quota': '未核定编制或职数。',
  'units.line': '编制/职数',
  'units.scope': '范围',
  'units.own': '本单位',
  'units.rolled': '含下级',
  'units.gauge': '使用情况',
  'units.fig.quota': '核定',
  'units.fig.filled': '实有',
  'units.fig.vacant': '空编',
  'units.fig.over': '超编',
  'units.kind.committee': '管委会',
  'units.kind.department': '部门',
  'units.kind.affiliate': '直属机构',
  'units.kind.zone': '功能区',
  'units.kind.park': '园区',
  'units.kind.district': '行政区',
  'units.kind.community': '社区',
  'units.kind.station': '社工站',
  'units.line_kind': '类别',
  'units.line_kind.staff': '编制',
  'units.line_kind.post': '领导职数',
  'units.line.staff.civil_servant': '公务员',
  'units.line.staff.public_institution': '事业编制人员',
  'units.line.staff.self_set': '自定编制',
  'units.line.staff.dispatched': '派遣',
  'units.line.staff.social_worker': '社工',
  'units.line.staff.seconded': '借调人员',
  'units.line.post.bureau_chief': '正厅级',
  'units.line.post.bureau_deputy': '副厅级',
  'units.line.post.division_chief': '正处级',
  'units.line.post.division_deputy': '副处级',
  'units.line.post.section_chief': '正科级',
  'units.line.post.section_deputy': '副科级',
  'units.add_title': '新增单位',
  'units.name': '单位名称',
  'units.kind': '单位类型',
  'units.parent': '上级单位',
  'units.parent_none': '（无，作为顶级单位）',
  'units.no_units': '（请先新增单位）',
  'units.add_submit': '新增单位',
  'units.added': '已新增单位“{name}”。',
  'units.need_name': '请输入单位名称。',
  'units.quota_title': '核定编制或职数',
  'units.quota_unit': '单位',
  'units.count': '核定数',
  'units.document': '批准文号',
  'units.approved_on': '批准日期',
  'units.quota_submit': '保存核定数',
  'units.quota_set': '核定数已保存。',
  'units.need_unit': '请先选择单位。',
  'units.need_count': '请输入核定数（不小于 0 的整数）。',

  'staff.civil_servant': '公务员',
  'staff.public_institution': '事业编制人员',
  'staff.self_set': '自定编制',
  'staff.dispatched': '派遣',
  'staff.social_worker': '社工',
  'staff.seconded': '借调人员',
  'rank.inspector_1': '一级巡视员',
  'rank.inspector_2': '二级巡视员',
  'rank.researcher_1': '一级调研员',
  'rank.researcher_2': '二级调研员',
  'rank.researcher_3': '三级调研员',
  'rank.researcher_4': '四级调研员',
  'rank.principal_1': '一级主任科员',
  'rank.principal_2': '二级主任科员',
  'rank.principal_3': '三级主任科员',
  'rank.principal_4': '四级主任科员',
  'rank.clerk_1': '一级科员',
  'rank.clerk_2': '二级科员',
  'tier.985': '985 高校',
  'tier.211': '211 高校',
  'tier.other': '其他',

  'people.title': '人员',
  'people.intro_assessor': '各类人员的名单：按姓名或身份证号查找，按单位、人员类别、职级、年龄、学历筛选，按拼音、姓氏笔画或出生日期排序。身份证号只显示首尾各 4 位。',
  'people.intro_reporter': '本单位及下级单位的人员名单。身份证号只显示首尾各 4 位。',
  'people.filters': '查询条件',
  'people.q': '姓名或身份证号',
  'people.q_hint': '姓名的一部分，或完整的 18 位身份证号。',
  'people.unit': '单位',
  'people.unit_any': '（全部单位）',
  'people.below': '含下级单位',
  'people.staff_type': '人员类别',
  'people.rank': '职级',
  'people.gender': '性别',
  'people.education': '学历',
  'people.age_min': '年龄从',
  'people.age_max': '年龄至',
  'people.any': '（不限）',
  'people.sort': '排序',
  'people.sort.pinyin': '按姓名拼音',
  'people.sort.stroke': '按姓氏笔画',
  'people.sort.birth': '按出生日期（年长在前）',
  'people.limit': '每页人数',
  'people.search': '查询',
  'people.clear': '清除条件',
  'people.need_age': '年龄须为 0 至 150 的整数。',
  'people.col.name': '姓名',
  'people.col.gender': '性别',
  'people.col.birth_date': '出生日期',
  'people.col.id_number': '身份证号',
  'people.col.unit': '单位',
  'people.col.staff_type': '人员类别',
  'people.col.rank': '职级',
  'people.total': '共 {total} 人，显示第 {from}–{to} 人。',
  'people.empty': '没有符合条件的人员。',
  'people.prev': '上一页',
  'people.next': '下一页',
  'people.add_title': '新增人员',
  'people.add_hint': '性别和出生日期从身份证号读取。民族、政治面貌、学历按国家标准代码。',
  'people.name': '姓名',
  'people.id_number': '身份证号',
  'people.ethnicity': '民族',
  'people.political_status': '政治面貌',
  'people.school': '毕业院校',
  'people.school_tier': '院校层次',
  'people.phone': '联系电话',
  'people.choose': '（请选择）',
  'people.none': '（无）',
  'people.not_given': '（未填）',
  'people.add_submit': '新增人员',
  'people.added': '已新增人员“{name}”。',
  'people.open_added': '查看该人员',
  'people.need_name': '请输入姓名。',
  'people.need_id_number': '请输入身份证号。',

  'export.label': '导出',
  'export.xlsx': 'Excel',
  'export.csv': 'CSV',
  'export.xlsx_title': '下载为 Excel 文件（.xlsx）',
  'export.csv_title': '下载为 CSV 文件（UTF-8）',

  'import.title': '从表格导入',
  'import.intro': '用 Excel（.xlsx）或 CSV 文件成批导入。请先下载模板，按模板的列填写；文件中只要有一行有误，整个文件都不导入，并列出每个问题。',
  'import.kind': '导入内容',
  'import.kind.people': '人员信息',
  'import.kind.employments': '任职信息',
  'import.kind.pay': '薪酬定级',
  'import.hint.people': '人员的基本信息：姓名、身份证号（在 Excel 中须设为文本）、民族、政治面貌、学历等；单位写名称或“管委会/部门”路径。',
  'import.hint.employments': '任职记录：人员须已存在（先导入人员信息），按任职日期核对编制和职数；超出时须填超编理由。',
  'import.hint.pay': '派遣人员的岗位序列、职位和工资级别，用于其最近的派遣任职。',
  'import.templates': '下载模板',
  'import.template_xlsx': 'Excel 模板（.xlsx）',
  'import.template_csv': 'CSV 模板',
  'import.file': '选择文件',
  'import.file_hint': '.xlsx 或 .csv（UTF-8 或 GBK）；读取第一个工作表，第一行为列名。',
  'import.submit': '导入',
  'import.need_file': '请选择要导入的文件。',
  'import.done': '已导入 {n} 行（{file}）。',
  'import.problems': '问题清单',
  'import.col.field': '位置',
  'import.col.code': '问题代码',
  'import.col.message': '说明',
  'import.more': '另有 {n} 个问题未列出。',
  'import.nothing': '未导入任何数据，没有问题的行也未导入。请改正以上全部问题后重新导入整个文件。',

  'person.title': '人员信息',
  'person.back': '返回人员名单',
  'person.not_found': '没有这个人员，或不在您的查看范围内。',
  'person.record': '基本信息',
  'person.gender': '性别',
  'person.birth_date': '出生日期',
  'person.id_number': '身份证号',
  'person.show_id': '显示完整身份证号',
  'person.hide_id': '隐藏',
  'person.id_audit_note': '查看完整身份证号将记入审计日志。',
  'person.id_shown': '已显示完整身份证号；本次查看已记入审计日志。',
  'person.ethnicity': '民族',
  'person.political_status': '政治面貌',
  'person.education': '学历',
  'person.school': '毕业院校',
  'person.school_tier': '院校层次',
  'person.phone': '联系电话',
  'person.unit': '单位',
  'person.staff_type': '人员类别',
  'person.rank': '职级',
  'person.created_at': '建档时间',
  'person.updated_at': '更新时间',
  'person.history': '任职经历',
  'person.history_hint': '职务和职级的任免记录，最近的在前。',
  'person.history_empty': '尚无任职记录。',
  'person.col.unit': '单位',
  'person.col.title': '职务',
  'person.col.staff_type': '人员类别',
  'person.col.post_level': '职务层次',
  'person.col.rank': '职级',
  'person.col.start': '任职',
  'person.col.end': '免职',
  'person.col.reason': '超编理由',
  'person.col.actions': '操作',
  'person.concurrent': '兼任',
  'person.current': '在任',
  'person.end': '免职',
  'person.end_title': '免去职务',
  'person.end_what': '{unit} · {title}，自 {start} 起',
  'person.end_date': '免职日期（最后在职日）',
  'person.end_document': '免职文号',
  'person.end_submit': '确认免职',
  'person.end_cancel': '取消',
  'person.ended': '已免去该职务。',
  'person.appoint_title': '任职',
  'person.appoint_hint': '任职时按任职日期核对单位的编制和职数。',
  'person.appoint_unit': '单位',
  'person.appoint_staff_type': '人员类别',
  'person.appoint_job_title': '职务名称',
  'person.appoint_post_level': '职务层次',
  'person.post_level_none': '（非领导职务）',
  'person.appoint_rank': '职级',
  'person.rank_none': '（无）',
  'person.appoint_concurrent': '兼任（主职之外另任的领导职务，须选职务层次）',
  'person.appoint_contract': '服务合同',
  'person.contract_choose': '（请选择服务合同）',
  'person.contract_none': '（没有该类别的服务合同）',
  'person.appoint_pay': '月工资（元，可不填）',
  'person.appoint_start_date': '任职日期',
  'person.appoint_start_document': '任职文号',
  'person.appoint_end_date': '截止日期（可不填）',
  'person.appoint_end_hint': '最后在职日；派遣人员和社工须在服务合同期限内，选合同后默认为合同截止日。',
  'person.allow_over': '超出核定数，仍然任职',
  'person.reason': '超编理由',
  'person.over_hint': '如确需超出核定数任职，请勾选并写明理由；理由随任职记录保存，并记入审计日志。',
  'person.appoint_submit': '任职',
  'person.appointed': '任职已保存。',
  'person.need_unit': '请选择单位。',
  'person.need_job_title': '请输入职务名称。',
  'person.need_date': '请选择日期。',
  'person.need_document': '请输入文号。',
  'person.need_contract': '请选择服务合同。',
  'person.need_pay': '月工资须为金额（元，最多两位小数）。',
  'person.need_reason': '请写明超编理由。',

  'pay.title': '派遣人员工资标准',
  'pay.tab_scale': '工资标准',
  'pay.tab_parity': '同工同酬',
  'pay.intro': '派遣人员的岗位序列、各序列的职位及其工资级别范围，以及各级别的月工资（元）。特设岗位（特级行政专员、特级技术顾问）实行协议工资，不套级别。',
  'pay.empty': '尚未设置工资标准。',
  'pay.sequence.civilian': '文职',
  'pay.sequence.technical': '技术',
  'pay.sequence.other': '其它',
  'pay.sequence_counts': '{positions} 个职位，{grades} 个工资级别',
  'pay.positions': '职位',
  'pay.col.level': '等级',
  'pay.col.position': '职位',
  'pay.col.grades': '工资级别',
  'pay.col.range': '级别范围',
  'pay.col.pay': '月工资（元）',
  'pay.col.rank': '对应职级',
  'pay.col.grade': '级别',
  'pay.grade_range': '{min}–{max} 级',
  'pay.grade_n': '{n} 级',
  'pay.negotiated': '协议工资',
  'pay.special': '特设岗位',
  'pay.grades': '工资级别',
  'pay.no_grades': '该序列尚未设置工资级别。',
  'pay.no_positions': '该序列尚无职位。',
  'pay.yuan': '{amount} 元',
  'pay.person_title': '工资（派遣岗位）',
  'pay.person_hint': '派遣人员的职位和工资级别，最近的在前。',
  'pay.person_empty': '没有工资记录。',
  'pay.col.unit': '单位',
  'pay.col.from': '起始日期',
  'pay.col.to': '截止日期',
  'pay.col.document': '文号',
  'pay.col.monthly': '月工资（元）',

  'parity.title': '同工同酬',
  'parity.intro': '同一比照职级的体制内人员（公务员、事业编制、自定编制）与派遣人员月工资的对比：人数、最低、中位数和最高（元），按所选日期在岗人员计算。',
  'parity.date': '统计日期',
  'parity.show': '统计',
  'parity.on': '统计日期：{date}',
  'parity.empty': '还没有设置比照职级的职位，无法对比。',
  'parity.col.rank': '比照职级',
  'parity.col.positions': '派遣职位',
  'parity.col.side': '人员',
  'parity.col.count': '人数',
  'parity.col.min': '最低',
  'parity.col.median': '中位数',
  'parity.col.max': '最高',
  'parity.col.diff': '中位数差额',
  'parity.in_system': '体制内',
  'parity.dispatched': '派遣',
  'parity.no_data': '无数据',
  'parity.diff_hint': '派遣中位数减体制内中位数',
  'parity.chart': '月工资分布图',
  'parity.chart_label': '各比照职级体制内与派遣人员月工资的范围（最低至最高）和中位数',
  'parity.legend_range': '横条：最低至最高',
  'parity.legend_median': '竖线：中位数',
  'parity.negotiated': '协议工资岗位',
  'parity.negotiated_hint': '特设岗位实行协议工资，没有体制内对比。',

  'error.generic': '操作失败。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.invalid_credentials': '用户名或密码错误。',
  'error.invalid_credentials_old': '原密码不正确。',
  'error.account_locked': '登录失败次数过多，账户已被暂时锁定。',
  'error.account_locked_until': '登录失败次数过多，账户已锁定至 {time}；届时可再试，或请系统管理员解锁。',
  'error.account_disabled': '账户已被管理员停用，请联系系统管理员。',
  'error.weak_password': '新密码不符合密码要求。',
  'error.unauthenticated': '请先登录。',
  'error.session_expired': '会话已过期，请重新登录。',
  'error.forbidden': '您没有执行此操作的权限。',
  'error.csrf_failed': '安全校验失败，请刷新页面后重试。',
  'error.password_change_required': '请先修改密码。',
  'error.not_found': '未找到。',
  'error.invalid_field': '输入有误。',
  'error.invalid_json': '请求格式错误。',
  'error.body_too_large': '提交的内容过大。',
  'error.internal': '服务器出错，未作任何修改。',
  'error.store': '数据库出错，未作任何修改。',
  'error.bad_parent': '该类型的单位不能设在所选上级单位之下。',
  'error.unknown_parent': '上级单位不存在。',
  'error.parent_cycle': '单位不能设在自己的下级单位之下。',
  'error.invalid_count': '核定数须为 0 至 1000000 的整数。',
  'error.document_required': '请填写批准文号。',
  'error.document_too_long': '批准文号过长。',
  'error.invalid_date': '批准日期无效（须为 1949 年至今的日期）。',
  'error.conflict': '与现有数据冲突。',
  'error.unit_has_children': '该单位还有下级单位。',
  'error.unit_has_quotas': '该单位还有核定的编制或职数。',
  'error.unit_has_accounts': '该单位还有填报员账户。',
  'error.invalid_query': '查询条件有误。',
  'error.missing_field': '缺少必填项。',
  'error.invalid_id_number': '身份证号有误。',
  'error.duplicate_id_number': '已有人员使用这个身份证号。',
  'error.unknown_code': '代码无效。',
  'error.gender_mismatch': '性别与身份证号不符。',
  'error.birth_date_mismatch': '出生日期与身份证号不符。',
  'error.unknown_unit': '单位不存在。',
  'error.quota_exceeded': '超出核定的编制或职数。',
  'error.reason_required': '超出核定数任职须写明理由。',
  'error.overlapping_employment': '与该人员的另一主职任职时间重叠。',
  'error.contract_required': '派遣人员和社工须选择服务合同。',
  'error.outside_contract': '不在服务合同的单位或期限之内。',
  'error.contract_full': '服务合同的人数已满。',
  'error.already_ended': '该任职已在这一天或之前结束。',
  'error.date': '日期无效。',
  'error.unit_has_people': '该单位还有人员。',
  'error.unit_has_employments': '该单位有任职记录。',
  'error.unit_has_contracts': '该单位有服务合同。',
  'error.import_refused': '文件有误，未导入任何数据。',
  'error.empty_body': '文件是空的。',
  'error.unreadable': '无法读取该文件：文件已损坏，或不是 Excel 或 CSV 文件。',
  'error.xls_file': '不能读取旧版 .xls 文件或设了密码的文件，请另存为 .xlsx（不设密码）或 CSV。',
  'error.bad_csv': 'CSV 文件格式有误。',
  'error.bad_xlsx': '无法读取该 Excel 文件：文件已损坏，或不是 .xlsx 工作簿。',
  'error.duplicate_column': '文件中有重复的列。',
  'error.bad_encoding': '文件的字符编码无法识别（应为 UTF-8 或 GBK）。',
  'error.empty_file': '文件是空的。',
  'error.unknown_column': '文件中有模板以外的列。',
  'error.missing_column': '文件缺少必填的列。',
  'error.too_large': '文件超出可以读取的大小。',
  'error.too_many_rows': '文件的行数过多。',
  'error.too_many_columns': '文件的列数过多。',
  'error.server_said': '服务器说明：',
};

const en = {
  'app.name': '考核',
  'app.latin': 'kaohe',
  'app.tagline': 'New-area cadre management and assessment',
  'app.title': 'kaohe 考核',
  'app.skip': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.footer': 'Internal system, for authorised staff only.',
  'app.load_failed': 'The page could not be loaded. Please reload.',
  'app.not_found': 'There is no such page.',
  'app.back_home': 'Back to home',

  'header.lang': 'Language',
  'header.user': 'Signed in as',
  'header.logout': 'Log out',
  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.password': 'Change password',
  'nav.units': 'Units',
  'nav.people': 'People',
  'nav.pay': 'Pay',
  'nav.assessment': 'Assessment',
  'nav.audit': 'Audit log',

  'role.sysadmin': 'System administrator',
  'role.secadmin': 'Security administrator',
  'role.auditor': 'Audit administrator',
  'role.assessor': 'Assessor (organisation department)',
  'role.reporter': 'Unit reporter',
  'role.cadre': 'Cadre',

  'login.title': 'Log in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.need_username': 'Enter your user name.',
  'login.need_password': 'Enter your password.',
  'login.session_ended': 'Your session has ended. Please log in again.',
  'login.logged_out': 'You have logged out.',
  'login.hint': 'At first login use the one-time password from your administrator; you will be asked to change it.',

  'pw.title': 'Change password',
  'pw.must_change': 'After a first login or a password reset you must change your password before going on.',
  'pw.old': 'Current password',
  'pw.new': 'New password',
  'pw.repeat': 'Repeat new password',
  'pw.submit': 'Change password',
  'pw.submitting': 'Saving…',
  'pw.policy': 'Password rules',
  'pw.rule_length': 'At least 10 characters',
  'pw.rule_classes': 'At least three of: upper case, lower case, digits, other characters',
  'pw.rule_username': 'Must not contain the user name',
  'pw.rule_old': 'Must differ from the current password',
  'pw.met': ' (met)',
  'pw.unmet': ' (not met)',
  'pw.mismatch': 'The two new passwords do not match.',
  'pw.need_old': 'Enter your current password.',
  'pw.need_new': 'Enter a new password.',
  'pw.done': 'Your password has been changed.',

  'home.title': 'Home',
  'home.greeting': 'Welcome, {name}',
  'home.account': 'Account',
  'home.username': 'User name',
  'home.display_name': 'Display name',
  'home.roles': 'Roles',
  'home.expires': 'This session ends at',
  'home.idle': 'You will be logged out after {minutes} minutes without activity.',
  'home.no_roles': 'This account has no role yet: a security administrator must grant roles.',
  'home.sections': 'Sections',
  'home.coming': 'Units, people, assessment and more will follow.',

  'audit.title': 'Audit log',
  'audit.seq': 'No.',
  'audit.at': 'Time',
  'audit.account': 'Account',
  'audit.action': 'Action',
  'audit.object': 'Object',
  'audit.client': 'Client',
  'audit.empty': 'No records.',
  'audit.total': '{total} records, showing {from}–{to}',
  'audit.prev': 'Previous',
  'audit.next': 'Next',
  'audit.verify': 'Verify hash chain',
  'audit.verify_ok': 'The hash chain is intact: {records} records.',
  'audit.verify_broken': 'The hash chain breaks at record {at}: {reason}',

  'units.title': 'Units',
  'units.intro_assessor': 'The tree of units: each unit\'s kind, the functions it carries and, for each establishment and leader-post quota, the approved, filled, vacant and over-quota figures (the unit itself and with its sub-units).',
  'units.intro_reporter': 'Your unit and its sub-units: kinds, functions, quotas and figures.',
  'units.total': '{total} units.',
  'units.empty': 'There are no units yet.',
  'units.expand_all': 'Expand all',
  'units.collapse_all': 'Collapse all',
  'units.expand': 'Show sub-units',
  'units.collapse': 'Hide sub-units',
  'units.functions': 'Functions: ',
  'units.no_quota': 'No quota approved.',
  'units.line': 'Quota line',
  'units.scope': 'Scope',
  'units.own': 'Own',
  'units.rolled': 'With sub-units',
  'units.gauge': 'Use',
  'units.fig.quota': 'Quota',
  'units.fig.filled': 'Filled',
  'units.fig.vacant': 'Vacant',
  'units.fig.over': 'Over',
  'units.kind.committee': 'Management committee',
  'units.kind.department': 'Department',
  'units.kind.affiliate': 'Directly affiliated institution',
  'units.kind.zone': 'Functional zone',
  'units.kind.park': 'Park',
  'units.kind.district': 'Administrative district',
  'units.kind.community': 'Community',
  'units.kind.station': 'Social work station',
  'units.line_kind': 'Kind of quota',
  'units.line_kind.staff': 'Establishment',
  'units.line_kind.post': 'Leader posts',
  'units.line.staff.civil_servant': 'Civil servants',
  'units.line.staff.public_institution': 'Public-institution staff',
  'units.line.staff.self_set': 'Self-set establishment staff',
  'units.line.staff.dispatched': 'Dispatched staff',
  'units.line.staff.social_worker': 'Social workers',
  'units.line.staff.seconded': 'Seconded staff',
  'units.line.post.bureau_chief': 'Bureau-level chief',
  'units.line.post.bureau_deputy': 'Bureau-level deputy',
  'units.line.post.division_chief': 'Division-level chief',
  'units.line.post.division_deputy': 'Division-level deputy',
  'units.line.post.section_chief': 'Section-level chief',
  'units.line.post.section_deputy': 'Section-level deputy',
  'units.add_title': 'Add a unit',
  'units.name': 'Name',
  'units.kind': 'Kind',
  'units.parent': 'Parent unit',
  'units.parent_none': '(none: a top-level unit)',
  'units.no_units': '(add a unit first)',
  'units.add_submit': 'Add unit',
  'units.added': 'Unit “{name}” added.',
  'units.need_name': 'Enter the unit\'s name.',
  'units.quota_title': 'Set a quota',
  'units.quota_unit': 'Unit',
  'units.count': 'Approved number',
  'units.document': 'Document number',
  'units.approved_on': 'Approval date',
  'units.quota_submit': 'Save quota',
  'units.quota_set': 'The quota has been saved.',
  'units.need_unit': 'Choose a unit first.',
  'units.need_count': 'Enter the approved number (a whole number, 0 or more).',

  'staff.civil_servant': 'Civil servant',
  'staff.public_institution': 'Public-institution staff',
  'staff.self_set': 'Self-set establishment staff',
  'staff.dispatched': 'Dispatched staff',
  'staff.social_worker': 'Social worker',
  'staff.seconded': 'Seconded staff',
  'rank.inspector_1': 'Inspector, level 1',
  'rank.inspector_2': 'Inspector, level 2',
  'rank.researcher_1': 'Researcher, level 1',
  'rank.researcher_2': 'Researcher, level 2',
  'rank.researcher_3': 'Researcher, level 3',
  'rank.researcher_4': 'Researcher, level 4',
  'rank.principal_1': 'Principal clerk, level 1',
  'rank.principal_2': 'Principal clerk, level 2',
  'rank.principal_3': 'Principal clerk, level 3',
  'rank.principal_4': 'Principal clerk, level 4',
  'rank.clerk_1': 'Clerk, level 1',
  'rank.clerk_2': 'Clerk, level 2',
  'tier.985': '985 university',
  'tier.211': '211 university',
  'tier.other': 'Other',

  'people.title': 'People',
  'people.intro_assessor': 'People of every staff type: find them by name or ID number, filter by unit, staff type, rank, age and education, and order by pinyin, surname strokes or birth date. ID numbers show only their first and last 4 characters.',
  'people.intro_reporter': 'The people of your unit and its sub-units. ID numbers show only their first and last 4 characters.',
  'people.filters': 'Search',
  'people.q': 'Name or ID number',
  'people.q_hint': 'Part of a name, or a whole 18-character ID number.',
  'people.unit': 'Unit',
  'people.unit_any': '(all units)',
  'people.below': 'Include units below',
  'people.staff_type': 'Staff type',
  'people.rank': 'Rank',
  'people.gender': 'Gender',
  'people.education': 'Education',
  'people.age_min': 'Age from',
  'people.age_max': 'Age to',
  'people.any': '(any)',
  'people.sort': 'Order',
  'people.sort.pinyin': 'By pinyin of the name',
  'people.sort.stroke': 'By surname strokes',
  'people.sort.birth': 'By birth date (oldest first)',
  'people.limit': 'Per page',
  'people.search': 'Search',
  'people.clear': 'Clear',
  'people.need_age': 'An age is a whole number from 0 to 150.',
  'people.col.name': 'Name',
  'people.col.gender': 'Gender',
  'people.col.birth_date': 'Birth date',
  'people.col.id_number': 'ID number',
  'people.col.unit': 'Unit',
  'people.col.staff_type': 'Staff type',
  'people.col.rank': 'Rank',
  'people.total': '{total} people, showing {from}–{to}.',
  'people.empty': 'No one matches.',
  'people.prev': 'Previous',
  'people.next': 'Next',
  'people.add_title': 'Add a person',
  'people.add_hint': 'Gender and birth date are read from the ID number. Ethnicity, political status and education are national codes.',
  'people.name': 'Name',
  'people.id_number': 'Resident ID number',
  'people.ethnicity': 'Ethnicity',
  'people.political_status': 'Political status',
  'people.school': 'School',
  'people.school_tier': 'School tier',
  'people.phone': 'Phone',
  'people.choose': '(choose)',
  'people.none': '(none)',
  'people.not_given': '(not given)',
  'people.add_submit': 'Add person',
  'people.added': '“{name}” has been added.',
  'people.open_added': 'Open the record',
  'people.need_name': 'Enter the name.',
  'people.need_id_number': 'Enter the ID number.',

  'export.label': 'Export',
  'export.xlsx': 'Excel',
  'export.csv': 'CSV',
  'export.xlsx_title': 'Download as an Excel file (.xlsx)',
  'export.csv_title': 'Download as a CSV file (UTF-8)',

  'import.title': 'Import from a spreadsheet',
  'import.intro': 'Import many records at once from an Excel (.xlsx) or CSV file. Download the template first and fill in its columns; if any row has a problem, nothing in the file is imported and every problem is listed.',
  'import.kind': 'What to import',
  'import.kind.people': 'People',
  'import.kind.employments': 'Employments',
  'import.kind.pay': 'Pay grades',
  'import.hint.people': 'Person records: name, ID number (formatted as text in Excel), ethnicity, political status, education and so on; the unit by its name or its path "committee/department".',
  'import.hint.employments': 'Posts and ranks: the people must exist (import them first); quotas are checked on the start date, and going beyond one needs a reason.',
  'import.hint.pay': 'Dispatched staff\'s post sequence, position and pay grade, for each one\'s latest dispatched employment.',
  'import.templates': 'Download a template',
  'import.template_xlsx': 'Excel template (.xlsx)',
  'import.template_csv': 'CSV template',
  'import.file': 'File',
  'import.file_hint': '.xlsx or .csv (UTF-8 or GBK); the first worksheet is read, its first row names the columns.',
  'import.submit': 'Import',
  'import.need_file': 'Choose the file to import.',
  'import.done': 'Imported {n} rows ({file}).',
  'import.problems': 'Problems',
  'import.col.field': 'Where',
  'import.col.code': 'Code',
  'import.col.message': 'What',
  'import.more': '{n} more problems are not listed.',
  'import.nothing': 'Nothing was imported, not even the rows without problems. Correct every problem above and import the whole file again.',

  'person.title': 'Person',
  'person.back': 'Back to the list',
  'person.not_found': 'There is no such person, or not within what you may see.',
  'person.record': 'Record',
  'person.gender': 'Gender',
  'person.birth_date': 'Birth date',
  'person.id_number': 'Resident ID number',
  'person.show_id': 'Show the whole ID number',
  'person.hide_id': 'Hide',
  'person.id_audit_note': 'Viewing the whole ID number is recorded in the audit log.',
  'person.id_shown': 'The whole ID number is shown; this view has been recorded in the audit log.',
  'person.ethnicity': 'Ethnicity',
  'person.political_status': 'Political status',
  'person.education': 'Education',
  'person.school': 'School',
  'person.school_tier': 'School tier',
  'person.phone': 'Phone',
  'person.unit': 'Unit',
  'person.staff_type': 'Staff type',
  'person.rank': 'Rank',
  'person.created_at': 'Created',
  'person.updated_at': 'Updated',
  'person.history': 'Posts and ranks',
  'person.history_hint': 'Appointments and removals, newest first.',
  'person.history_empty': 'No posts yet.',
  'person.col.unit': 'Unit',
  'person.col.title': 'Post',
  'person.col.staff_type': 'Staff type',
  'person.col.post_level': 'Post level',
  'person.col.rank': 'Rank',
  'person.col.start': 'Appointed',
  'person.col.end': 'Removed',
  'person.col.reason': 'Over-quota reason',
  'person.col.actions': 'Actions',
  'person.concurrent': 'Concurrent',
  'person.current': 'Current',
  'person.end': 'End',
  'person.end_title': 'End an employment',
  'person.end_what': '{unit} · {title}, since {start}',
  'person.end_date': 'End date (last day in post)',
  'person.end_document': 'Removal document',
  'person.end_submit': 'End the employment',
  'person.end_cancel': 'Cancel',
  'person.ended': 'The employment has ended.',
  'person.appoint_title': 'Appoint',
  'person.appoint_hint': 'The unit\'s establishment and leader-post quotas are checked on the start date.',
  'person.appoint_unit': 'Unit',
  'person.appoint_staff_type': 'Staff type',
  'person.appoint_job_title': 'Title of the post',
  'person.appoint_post_level': 'Post level',
  'person.post_level_none': '(not a leader post)',
  'person.appoint_rank': 'Rank',
  'person.rank_none': '(none)',
  'person.appoint_concurrent': 'Concurrent (a leader post beside the main one; needs a post level)',
  'person.appoint_contract': 'Service contract',
  'person.contract_choose': '(choose a service contract)',
  'person.contract_none': '(no service contract of this staff type)',
  'person.appoint_pay': 'Monthly pay (yuan, optional)',
  'person.appoint_start_date': 'Start date',
  'person.appoint_start_document': 'Appointment document',
  'person.appoint_end_date': 'End date (optional)',
  'person.appoint_end_hint': 'The last day in post. Dispatched staff and social workers must end within their service contract; choosing a contract fills in its end.',
  'person.allow_over': 'Appoint beyond the quota',
  'person.reason': 'Reason',
  'person.over_hint': 'To appoint beyond the quota anyway, tick the box and give the reason; it is kept with the employment and written in the audit log.',
  'person.appoint_submit': 'Appoint',
  'person.appointed': 'The appointment has been saved.',
  'person.need_unit': 'Choose a unit.',
  'person.need_job_title': 'Enter the title of the post.',
  'person.need_date': 'Choose a date.',
  'person.need_document': 'Enter the document number.',
  'person.need_contract': 'Choose a service contract.',
  'person.need_pay': 'Monthly pay is an amount in yuan (at most two decimals).',
  'person.need_reason': 'Give the reason for going beyond the quota.',

  'pay.title': 'Pay scale of dispatched staff',
  'pay.tab_scale': 'Pay scale',
  'pay.tab_parity': 'Equal pay',
  'pay.intro': 'The post sequences of dispatched staff, each sequence\'s positions with their range of salary grades, and the monthly pay of each grade (yuan). The special posts (special administrative commissioner, special technical adviser) have negotiated pay and no grades.',
  'pay.empty': 'No pay scale has been set yet.',
  'pay.sequence.civilian': 'Civilian',
  'pay.sequence.technical': 'Technical',
  'pay.sequence.other': 'Other',
  'pay.sequence_counts': '{positions} positions, {grades} salary grades',
  'pay.positions': 'Positions',
  'pay.col.level': 'Level',
  'pay.col.position': 'Position',
  'pay.col.grades': 'Salary grades',
  'pay.col.range': 'Range',
  'pay.col.pay': 'Monthly pay (yuan)',
  'pay.col.rank': 'Comparable rank',
  'pay.col.grade': 'Grade',
  'pay.grade_range': 'grades {min}–{max}',
  'pay.grade_n': 'grade {n}',
  'pay.negotiated': 'Negotiated pay',
  'pay.special': 'Special post',
  'pay.grades': 'Salary grades',
  'pay.no_grades': 'This sequence has no salary grades yet.',
  'pay.no_positions': 'This sequence has no positions yet.',
  'pay.yuan': '{amount} yuan',
  'pay.person_title': 'Pay (dispatched post)',
  'pay.person_hint': 'The position and salary grade of a dispatched employment, newest first.',
  'pay.person_empty': 'No pay records.',
  'pay.col.unit': 'Unit',
  'pay.col.from': 'From',
  'pay.col.to': 'To',
  'pay.col.document': 'Document',
  'pay.col.monthly': 'Monthly pay (yuan)',

  'parity.title': 'Equal pay for equal work',
  'parity.intro': 'Monthly pay of in-system staff (civil servants, public-institution and self-set establishment staff) beside dispatched staff on the same comparable rank: number, lowest, median and highest (yuan), of those in post on the chosen date.',
  'parity.date': 'Date',
  'parity.show': 'Show',
  'parity.on': 'On {date}',
  'parity.empty': 'No position has a comparable rank yet: there is nothing to compare.',
  'parity.col.rank': 'Comparable rank',
  'parity.col.positions': 'Dispatched positions',
  'parity.col.side': 'Staff',
  'parity.col.count': 'Number',
  'parity.col.min': 'Lowest',
  'parity.col.median': 'Median',
  'parity.col.max': 'Highest',
  'parity.col.diff': 'Median difference',
  'parity.in_system': 'In-system',
  'parity.dispatched': 'Dispatched',
  'parity.no_data': 'no data',
  'parity.diff_hint': 'dispatched median minus in-system median',
  'parity.chart': 'Monthly pay chart',
  'parity.chart_label': 'For each comparable rank, the range (lowest to highest) and the median of the monthly pay of in-system and dispatched staff',
  'parity.legend_range': 'Bar: lowest to highest',
  'parity.legend_median': 'Tick: median',
  'parity.negotiated': 'Posts with negotiated pay',
  'parity.negotiated_hint': 'Special posts have negotiated pay and no in-system comparison.',

  'error.generic': 'The operation failed.',
  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.invalid_credentials': 'Wrong user name or password.',
  'error.invalid_credentials_old': 'The current password is wrong.',
  'error.account_locked': 'Too many failed logins: the account is locked for a while.',
  'error.account_locked_until': 'Too many failed logins: the account is locked until {time}, or until a system administrator unlocks it.',
  'error.account_disabled': 'An administrator has disabled this account. Contact the system administrator.',
  'error.weak_password': 'The new password does not follow the password rules.',
  'error.unauthenticated': 'Please log in.',
  'error.session_expired': 'Your session has expired. Please log in again.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf_failed': 'Security check failed. Reload the page and try again.',
  'error.password_change_required': 'Change your password first.',
  'error.not_found': 'Not found.',
  'error.invalid_field': 'Invalid input.',
  'error.invalid_json': 'Malformed request.',
  'error.body_too_large': 'What you sent is too large.',
  'error.internal': 'The server failed; nothing was changed.',
  'error.store': 'The database failed; nothing was changed.',
  'error.bad_parent': 'A unit of this kind cannot sit under the chosen parent.',
  'error.unknown_parent': 'There is no such parent unit.',
  'error.parent_cycle': 'A unit cannot sit under its own sub-unit.',
  'error.invalid_count': 'The approved number must be a whole number from 0 to 1,000,000.',
  'error.document_required': 'Enter the document number.',
  'error.document_too_long': 'The document number is too long.',
  'error.invalid_date': 'The approval date is not valid (a date from 1949 to today).',
  'error.conflict': 'This conflicts with existing data.',
  'error.unit_has_children': 'The unit still has sub-units.',
  'error.unit_has_quotas': 'The unit still has approved quotas.',
  'error.unit_has_accounts': 'Reporter accounts still belong to the unit.',
  'error.invalid_query': 'The search is not valid.',
  'error.missing_field': 'A required field is missing.',
  'error.invalid_id_number': 'The ID number is not valid.',
  'error.duplicate_id_number': 'Another person already has this ID number.',
  'error.unknown_code': 'Not a valid code.',
  'error.gender_mismatch': 'The gender does not agree with the ID number.',
  'error.birth_date_mismatch': 'The birth date does not agree with the ID number.',
  'error.unknown_unit': 'There is no such unit.',
  'error.quota_exceeded': 'Beyond the approved quota.',
  'error.reason_required': 'Appointing beyond the quota needs a reason.',
  'error.overlapping_employment': 'This overlaps another main employment of the person.',
  'error.contract_required': 'Dispatched staff and social workers need a service contract.',
  'error.outside_contract': 'Outside the service contract\'s unit or period.',
  'error.contract_full': 'The service contract\'s headcount is full.',
  'error.already_ended': 'The employment already ends on or before that day.',
  'error.date': 'The date is not valid.',
  'error.unit_has_people': 'People still belong to the unit.',
  'error.unit_has_employments': 'The unit has employments.',
  'error.unit_has_contracts': 'The unit has service contracts.',
  'error.import_refused': 'The file has problems: nothing was imported.',
  'error.empty_body': 'The file is empty.',
  'error.unreadable': 'The file cannot be read: it is damaged, or not an Excel or CSV file.',
  'error.xls_file': 'Old .xls files and files with a password cannot be read: save it as .xlsx without a password, or as CSV.',
  'error.bad_csv': 'The CSV file is malformed.',
  'error.bad_xlsx': 'The Excel file cannot be read: it is damaged, or not an .xlsx workbook.',
  'error.duplicate_column': 'The file has a column twice.',
  'error.bad_encoding': 'The file\'s character encoding is not recognised (it should be UTF-8 or GBK).',
  'error.empty_file': 'The file is empty.',
  'error.unknown_column': 'The file has a column that is not the template\'s.',
  'error.missing_column': 'The file lacks a required column.',
  'error.too_large': 'The file is larger than can be read.',
  'error.too_many_rows': 'The file has too many rows.',
  'error.too_many_columns': 'The file has too many columns.',
  'error.server_said': 'Server: ',
};

const DICTS = { 'zh-CN': zh, en };

// Adds texts from another module (e.g. the code tables of codes.js):
// {'zh-CN': {key: text}, en: {key: text}}. Keys already here are kept.
export function addTexts(dicts) {
  for (const [l, texts] of Object.entries(dicts)) {
    const d = DICTS[l];
    if (!d) continue;
    for (const [k, v] of Object.entries(texts)) if (!(k in d)) d[k] = v;
  }
}

function storedLang() {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return LANGS.includes(v) ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

let lang = storedLang();
const listeners = new Set();

export function getLang() {
  return lang;
}

// Sets the language, remembers it, sets <html lang> and re-translates the page.
export function setLang(next) {
  if (!LANGS.includes(next)) next = DEFAULT_LANG;
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = next;
  applyTexts(document);
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(DICTS[lang], key);
}

// The text of key in the current language, with {name} placeholders filled
// (an argument given as {time: ISO} is shown as a local time).
// A missing key shows as the key itself, so it is easy to spot.
export function t(key, args) {
  let s = DICTS[lang][key] ?? DICTS[DEFAULT_LANG][key] ?? key;
  if (args) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => {
      if (!(k in args)) return m;
      const v = args[k];
      return v && typeof v === 'object' && 'time' in v ? formatTime(v.time) : String(v);
    });
  }
  return s;
}

export function roleName(role) {
  return has(`role.${role}`) ? t(`role.${role}`) : role;
}

// An ISO time shown in the browser's local time zone: 2026年11月30日 14:31:03
// in Chinese, 2026-11-30 14:31:03 in English (unambiguous for everyone).
export function formatTime(iso) {
  const d = new Date(iso);
  if (iso === null || iso === undefined || Number.isNaN(d.getTime())) return String(iso ?? '');
  const p = (n) => String(n).padStart(2, '0');
  const clock = `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  if (lang === 'zh-CN') return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${clock}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${clock}`;
}

// Fills every keyed element under root in the current language:
//   data-i18n="key"               textContent
//   data-i18n-args='{"n":1}'      placeholders for it
//   data-i18n-attr="title:key;aria-label:key"
//   data-i18n-time="ISO"          textContent as a local time
//   data-i18n-role="sysadmin"     textContent as a role name
export function applyTexts(root = document) {
  const scope = root.querySelectorAll ? root : document;
  const each = (sel, fn) => {
    if (scope.matches?.(sel)) fn(scope);
    scope.querySelectorAll(sel).forEach(fn);
  };
  each('[data-i18n]', (node) => {
    let args;
    if (node.dataset.i18nArgs) {
      try { args = JSON.parse(node.dataset.i18nArgs); } catch { args = undefined; }
    }
    node.textContent = t(node.dataset.i18n, args);
  });
  each('[data-i18n-attr]', (node) => {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr.trim(), t(key.trim()));
    }
  });
  each('[data-i18n-time]', (node) => {
    node.textContent = formatTime(node.dataset.i18nTime);
  });
  each('[data-i18n-role]', (node) => {
    node.textContent = roleName(node.dataset.i18nRole);
  });
}

// Builds an element. props:
//   text: key (translated), args: {...} for it, raw: literal text,
//   time: ISO time, roleName: role code (shown translated),
//   i18nAttrs: {attr: key}, class: 'a b', on: {event: fn}, and any
//   other key is set as an attribute (id, for, type, href, role, hidden, ...).
// children: elements or strings (strings are literal text, never HTML).
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    switch (k) {
      case 'text': node.dataset.i18n = v; break;
      case 'args': node.dataset.i18nArgs = JSON.stringify(v); break;
      case 'raw': node.textContent = v; break;
      case 'time': node.dataset.i18nTime = v; break;
      case 'roleName': node.dataset.i18nRole = v; break;
      case 'class': node.className = v; break;
      case 'on':
        for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
        break;
      case 'i18nAttrs':
        node.dataset.i18nAttr = Object.entries(v).map(([a, key]) => `${a}:${key}`).join(';');
        break;
      case 'dataset':
        Object.assign(node.dataset, v);
        break;
      default:
        node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  applyTexts(node);
  return node;
}

// --- errors ------------------------------------------------------------------

// The time an account_locked answer names: details[].locked_until (or
// until), else the first ISO time in the message; null when there is none.
function lockedUntil(err) {
  for (const d of err.details) {
    const v = d && (d.locked_until ?? d.until);
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return v;
  }
  const m = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/.exec(err.message || '');
  return m && !Number.isNaN(Date.parse(m[0])) ? m[0] : null;
}

// Fills box with a translated headline for err.code and, under it, the
// server's own message (which may say more, e.g. which rule failed).
// err is an api.ApiError (code, message, details); keyFor maps its code to
// the headline's key, for pages where a code means something more precise.
export function showError(box, err, keyFor = (code) => `error.${code}`) {
  box.replaceChildren();
  let headline;
  if (err.code === 'account_locked' && lockedUntil(err)) {
    headline = el('strong', { text: 'error.account_locked_until', args: { time: { time: lockedUntil(err) } } });
  } else {
    const key = keyFor(err.code);
    headline = el('strong', has(key) ? { text: key } : { text: 'error.generic' });
  }
  box.append(headline);
  if (err.message && err.code !== 'network' && err.message !== t(keyFor(err.code))) {
    box.append(el('span', { class: 'server-msg' },
      el('span', { class: 'server-said', text: 'error.server_said' }),
      el('span', { raw: err.message, 'data-testid': 'server-message' })));
  }
  box.dataset.code = err.code;
  box.hidden = false;
}
