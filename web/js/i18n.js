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
  'error.server_said': 'Server: ',
};

const DICTS = { 'zh-CN': zh, en };

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
