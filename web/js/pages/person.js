// A person's page (/people/{id}; assessor, reporter): the record from
// GET /api/v1/people/{id} (ID number masked; the assessor may show the
// whole number, GET /people/{id}/id-number, which the server writes in the
// audit log), and the history of posts and ranks, GET /api/v1/employments?
// person_id=N, newest first. The assessor also appoints (POST /employments;
// beyond a quota the answer is 409 quota_exceeded, and the form then offers
// "allow over quota" with a reason) and ends an open employment
// (POST /employments/{id}/end), and sees the pay positions and grades of
// the person's dispatched posts (GET /pay/assignments?person_id=N). The
// history can be downloaded as XLSX or CSV (GET /exports/employments?
// person_id=N). A reporter sees people of its unit and below only (404
// otherwise) and no pay. The assessor and reporters edit the record
// (PUT /api/v1/people/{id}, which replaces it whole: the form sends every
// field, the ID number typed in full; a reporter keeps the person in its
// unit or below, else 403 outside_scope under the unit). Both see the
// person's frontline assignments (GET /assignments?person_id=N: secondments,
// frontline and grassroots postings, service as a commissioner) with their
// state today.

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';
import { codes, codeKey, genderKey } from '../codes.js';
import {
  STAFF_TYPES, PURCHASED, RANKS, POST_LEVELS, SCHOOL_TIERS, staffKey, rankKey, postLevelKey, tierKey, named,
  loadAll, unitOptions, choices, field, checkField, formKit, apiError, handledByShell, yuan, sequenceKey,
} from '../staffing.js';
import { exportLinks } from '../transfer.js';
import { assignmentsTable } from '../deploy.js';

export const title = 'person.title';

// invalid_date's usual headline speaks of approval dates (units).
const keyFor = (code) => (code === 'invalid_date' ? 'error.date' : `error.${code}`);

const today = () => {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

export async function render({ session, params }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  const canEdit = isAssessor || roles.includes('reporter');
  const id = params.id;
  const root = el('section', { class: 'page page-person', 'data-page': 'person', 'data-person-id': id });
  const back = el('p', { class: 'back' }, el('a', { href: '/people', id: 'person-back', text: 'person.back' }));

  let person;
  try {
    const answer = await api.get(`/people/${encodeURIComponent(id)}`);
    person = answer?.person ?? answer;
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(back, el('h1', { tabindex: '-1', text: 'person.not_found', 'data-testid': 'person-not-found' }));
      return root;
    }
    const box = el('div', { id: 'person-error', class: 'form-error', role: 'alert' });
    showError(box, err);
    root.append(back, el('h1', { tabindex: '-1', text: 'person.title' }), box);
    return root;
  }

  let units = [];
  try {
    units = await loadAll('/units');
  } catch (e) {
    if (handledByShell(apiError(e))) throw e;
  }
  const unitName = (uid) => (uid == null ? null : (units.find((u) => u.id === uid)?.name ?? `#${uid}`));

  // --- the record ----------------------------------------------------------------

  const idCell = el('span', { id: 'person-id-number', class: 'idnum', raw: person.id_number ?? '' });
  const idNote = el('p', { id: 'person-id-note', class: 'hint id-note', text: 'person.id_audit_note' });
  let idBox = el('dd', {}, idCell);
  // Back to the masked number (after a hide, or after the record changed).
  let resetId = () => { idCell.textContent = person.id_number ?? ''; };
  // The whole number once the assessor has asked for it: fills the edit form.
  let onWholeNumber = () => {};
  if (isAssessor) {
    const show = el('button', { type: 'button', class: 'btn btn-small', id: 'person-show-id', text: 'person.show_id', 'aria-describedby': 'person-id-note' });
    const hide = el('button', { type: 'button', class: 'btn btn-small', id: 'person-hide-id', text: 'person.hide_id', hidden: true });
    const idError = el('div', { id: 'person-id-error', class: 'form-error', role: 'alert', hidden: true });
    show.addEventListener('click', async () => {
      show.disabled = true;
      idError.hidden = true;
      try {
        const answer = await api.get(`/people/${encodeURIComponent(id)}/id-number`);
        idCell.textContent = answer.id_number ?? '';
        idCell.dataset.whole = 'true';
        onWholeNumber(answer.id_number ?? '');
        idNote.dataset.i18n = 'person.id_shown';
        idNote.className = 'notice notice-warn id-note';
        idNote.setAttribute('role', 'status');
        applyTexts(idNote);
        show.hidden = true;
        hide.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) showError(idError, err);
      } finally {
        show.disabled = false;
      }
    });
    resetId = () => {
      idCell.textContent = person.id_number ?? '';
      delete idCell.dataset.whole;
      idNote.dataset.i18n = 'person.id_audit_note';
      idNote.className = 'hint id-note';
      idNote.removeAttribute('role');
      applyTexts(idNote);
      hide.hidden = true;
      show.hidden = false;
    };
    hide.addEventListener('click', () => {
      resetId();
      show.focus();
    });
    idBox = el('dd', {}, el('div', { class: 'id-line' }, idCell, show, hide), idNote, idError);
  }

  const heading = el('h1', { tabindex: '-1', id: 'person-name', raw: person.name ?? '' });
  const fact = (key, testid, value) => [el('dt', { text: key }), el('dd', { 'data-testid': testid }, value)];
  const facts = el('dl', { class: 'facts', id: 'person-facts' });
  const drawFacts = () => facts.replaceChildren(...[
    fact('person.gender', 'person-gender', named(genderKey(person.gender), person.gender)),
    fact('person.birth_date', 'person-birth-date', named(null, person.birth_date)),
    el('dt', { text: 'person.id_number' }), idBox,
    fact('person.ethnicity', 'person-ethnicity', named(codeKey('ethnicity', person.ethnicity), person.ethnicity)),
    fact('person.political_status', 'person-political-status', named(codeKey('political_status', person.political_status), person.political_status)),
    fact('person.education', 'person-education', named(codeKey('education', person.education), person.education)),
    fact('person.school', 'person-school', named(null, person.school)),
    fact('person.school_tier', 'person-school-tier', named(tierKey(person.school_tier), person.school_tier)),
    fact('person.phone', 'person-phone', named(null, person.phone)),
    fact('person.unit', 'person-unit', named(null, unitName(person.unit_id))),
    fact('person.staff_type', 'person-staff-type', named(staffKey(person.staff_type), person.staff_type)),
    fact('person.rank', 'person-rank', named(rankKey(person.rank), person.rank)),
    fact('person.updated_at', 'person-updated-at', person.updated_at ? el('time', { datetime: person.updated_at, time: person.updated_at }) : named(null, null)),
  ].flat());
  drawFacts();
  const record = el('div', { class: 'card person-record' },
    el('h2', { text: 'person.record' }),
    facts);

  // --- the history -----------------------------------------------------------------

  let employments = [];
  const historyError = el('div', { id: 'history-error', class: 'form-error', role: 'alert', hidden: true });
  const historyEmpty = el('p', { id: 'history-empty', class: 'hint', text: 'person.history_empty', hidden: true });
  const historyNotice = el('p', { id: 'history-done', class: 'notice notice-ok', role: 'status', hidden: true });
  const historyBody = el('tbody');
  const cols = ['unit', 'title', 'staff_type', 'post_level', 'rank', 'start', 'end', 'reason'];
  if (isAssessor) cols.push('actions');
  const historyTable = el('table', { class: 'table history-table', id: 'history-table' },
    el('thead', {}, el('tr', {}, cols.map((k) => el('th', { scope: 'col', text: `person.col.${k}` })))),
    historyBody);
  const historyWrap = el('div', { class: 'table-wrap' }, historyTable);

  let openEnd = () => {};

  const dateDoc = (date, doc, testid) => el('span', { class: 'date-doc' },
    el('span', { class: 'date', 'data-testid': `${testid}-date`, raw: date ?? '' }),
    doc ? el('span', { class: 'doc', 'data-testid': `${testid}-document`, raw: doc }) : null);

  function historyRow(m) {
    const open = m.end_date == null || m.end_date >= today();
    const cells = [
      el('td', { 'data-testid': 'emp-unit' }, named(null, m.unit_name ?? unitName(m.unit_id))),
      el('td', { 'data-testid': 'emp-title' },
        el('span', { raw: m.title ?? '' }),
        m.concurrent ? el('span', { class: 'tag tag-concurrent', 'data-testid': 'emp-concurrent', text: 'person.concurrent' }) : null),
      el('td', { 'data-testid': 'emp-staff-type' }, named(staffKey(m.staff_type), m.staff_type)),
      el('td', { 'data-testid': 'emp-post-level' }, named(postLevelKey(m.post_level), m.post_level)),
      el('td', { 'data-testid': 'emp-rank' }, named(rankKey(m.rank), m.rank)),
      el('td', { 'data-testid': 'emp-start' }, dateDoc(m.start_date, m.start_document, 'emp-start')),
      el('td', { 'data-testid': 'emp-end' }, m.end_date
        ? dateDoc(m.end_date, m.end_document, 'emp-end')
        : el('span', { class: 'tag tag-current', text: 'person.current' })),
      el('td', { 'data-testid': 'emp-reason' }, m.over_quota_reason
        ? el('span', { class: 'over-reason', raw: m.over_quota_reason })
        : named(null, null)),
    ];
    if (isAssessor) {
      // An employment can be ended while it has no end, or one after today
      // (the server refuses to move an end later: already_ended).
      const canEnd = m.end_date == null || m.end_date > today();
      cells.push(el('td', { class: 'row-actions' }, canEnd
        ? el('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'emp-end-button', text: 'person.end',
          on: { click: () => openEnd(m) },
        })
        : null));
    }
    return el('tr', {
      'data-employment-id': String(m.id), 'data-open': String(open), 'data-concurrent': String(Boolean(m.concurrent)),
      class: open ? 'emp-open' : 'emp-ended',
    }, cells);
  }

  async function loadHistory() {
    historyError.hidden = true;
    try {
      employments = await loadAll('/employments', { person_id: id });
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(historyError, err);
      return;
    }
    historyBody.replaceChildren(...employments.map(historyRow));
    historyEmpty.hidden = employments.length > 0;
    historyWrap.hidden = employments.length === 0;
    historyTable.dataset.count = String(employments.length);
  }

  // The edit form's fields from the record (set when there is a form).
  let fillEdit = () => {};

  // Reads the person again (unit, staff type and rank follow the main employment).
  async function reloadPerson() {
    try {
      const answer = await api.get(`/people/${encodeURIComponent(id)}`);
      person = answer?.person ?? answer;
    } catch {
      return;
    }
    drawFacts();
    // Not over what is being typed in the open edit form.
    if (!editCard?.open) fillEdit();
  }

  // --- pay: positions and grades of dispatched posts (assessor) ---------------------

  const paySection = el('section', { id: 'person-pay', class: 'person-pay', 'aria-labelledby': 'pay-heading', hidden: true });
  async function loadPay() {
    if (!isAssessor) return;
    let items;
    try {
      items = await loadAll('/pay/assignments', { person_id: id });
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      // Without the pay module (404) there is nothing to show.
      if (err.status === 404 || err.status === 405) return;
      const box = el('div', { class: 'form-error', role: 'alert' });
      showError(box, err);
      paySection.replaceChildren(el('h2', { id: 'pay-heading', text: 'pay.person_title' }), box);
      paySection.hidden = false;
      return;
    }
    const dispatched = employments.some((m) => m.staff_type === 'dispatched');
    if (items.length === 0 && !dispatched) {
      paySection.hidden = true;
      return;
    }
    const rowOf = (a) => {
      const seq = sequenceKey(a.sequence);
      return el('tr', { 'data-assignment-id': String(a.id), 'data-employment-id': String(a.employment_id) },
        el('td', { 'data-testid': 'pay-unit' }, named(null, a.unit_name)),
        el('td', { 'data-testid': 'pay-position' },
          el('span', { raw: a.position_name ?? '' }),
          el('span', { class: 'hint pay-seq' }, ' (', seq ? el('span', { text: seq }) : el('span', { raw: a.sequence ?? '' }), ` ${a.level ?? ''})`)),
        el('td', { 'data-testid': 'pay-grade' }, a.negotiated
          ? el('span', { class: 'tag tag-negotiated', text: 'pay.negotiated' })
          : el('span', { text: 'pay.grade_n', args: { n: a.pay_grade ?? '' } })),
        el('td', { class: 'num', 'data-testid': 'pay-monthly', raw: yuan(a.monthly_fen) }),
        el('td', { 'data-testid': 'pay-from' }, named(null, a.start_date)),
        el('td', { 'data-testid': 'pay-to' }, named(null, a.end_date)),
        el('td', { 'data-testid': 'pay-document' }, named(null, a.document)));
    };
    paySection.replaceChildren(
      el('h2', { id: 'pay-heading', text: 'pay.person_title' }),
      el('p', { class: 'hint', text: 'pay.person_hint' }),
      items.length
        ? el('div', { class: 'table-wrap' },
          el('table', { class: 'table pay-history', id: 'pay-table' },
            el('thead', {}, el('tr', {},
              ['unit', 'position', 'grade', 'monthly', 'from', 'to', 'document'].map((k) => el('th', {
                scope: 'col', class: k === 'monthly' ? 'num' : null, text: `pay.col.${k}`,
              })))),
            el('tbody', {}, items.map(rowOf))))
        : el('p', { id: 'pay-empty', class: 'hint', text: 'pay.person_empty' }));
    paySection.hidden = false;
  }

  // --- end an employment (assessor) ---------------------------------------------------

  let endCard = null;
  if (isAssessor) {
    const what = el('p', { id: 'end-what', class: 'end-what' });
    const endDate = el('input', { id: 'end-date', name: 'end_date', type: 'date', required: true });
    const endDocument = el('input', { id: 'end-document', name: 'end_document', type: 'text', maxlength: '200', autocomplete: 'off', required: true });
    const submit = el('button', { type: 'submit', id: 'end-submit', class: 'btn btn-primary', text: 'person.end_submit' });
    const cancel = el('button', { type: 'button', id: 'end-cancel', class: 'btn', text: 'person.end_cancel' });
    const actions = el('div', { class: 'actions' }, submit, cancel);
    const kit = formKit('end', { end_date: endDate, end_document: endDocument }, { keyFor });
    let target = null;
    const form = el('form', { id: 'end-form', class: 'form', novalidate: true },
      what,
      el('div', { class: 'field-row' },
        field('end-date', 'person.end_date', endDate),
        field('end-document', 'person.end_document', endDocument)),
      actions);
    endCard = el('div', { id: 'end-card', class: 'card end-card', hidden: true, role: 'region', 'aria-labelledby': 'end-heading' },
      el('h2', { id: 'end-heading', text: 'person.end_title' }), form);
    openEnd = (m) => {
      target = m;
      kit.clear();
      what.dataset.i18n = 'person.end_what';
      what.dataset.i18nArgs = JSON.stringify({ unit: m.unit_name ?? unitName(m.unit_id) ?? '', title: m.title ?? '', start: m.start_date ?? '' });
      applyTexts(what);
      endDate.value = '';
      endDocument.value = '';
      endCard.dataset.employmentId = String(m.id);
      endCard.hidden = false;
      endDate.focus();
    };
    cancel.addEventListener('click', () => { endCard.hidden = true; target = null; });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!target) return;
      if (!endDate.value) return kit.local(endDate, 'person.need_date');
      if (!endDocument.value.trim()) return kit.local(endDocument, 'person.need_document');
      submit.disabled = true;
      try {
        await api.post(`/employments/${encodeURIComponent(target.id)}/end`, {
          end_date: endDate.value, end_document: endDocument.value.trim(),
        });
        endCard.hidden = true;
        target = null;
        await loadHistory();
        await reloadPerson();
        await loadPay();
        historyNotice.dataset.i18n = 'person.ended';
        applyTexts(historyNotice);
        historyNotice.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
  }
  // --- appoint (assessor) ------------------------------------------------------------

  let appointCard = null;
  if (isAssessor) {
    const unit = el('select', { id: 'appoint-unit', name: 'unit_id', required: true });
    unitOptions(unit, units, [el('option', { value: '', text: 'people.choose' })]);
    if (person.unit_id != null) unit.value = String(person.unit_id);
    const staffType = choices('appoint-staff-type', STAFF_TYPES, staffKey);
    const jobTitle = el('input', { id: 'appoint-title', name: 'title', type: 'text', maxlength: '100', autocomplete: 'off', required: true });
    const postLevel = choices('appoint-post-level', POST_LEVELS, postLevelKey, [el('option', { value: '', text: 'person.post_level_none' })]);
    const rank = choices('appoint-rank', RANKS, rankKey, [el('option', { value: '', text: 'person.rank_none' })]);
    const concurrent = el('input', { id: 'appoint-concurrent', name: 'concurrent', type: 'checkbox' });
    const contract = el('select', { id: 'appoint-contract', name: 'contract_id' });
    const pay = el('input', { id: 'appoint-pay', name: 'monthly_pay_fen', type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: '12' });
    const startDate = el('input', { id: 'appoint-start-date', name: 'start_date', type: 'date', required: true });
    const startDocument = el('input', { id: 'appoint-start-document', name: 'start_document', type: 'text', maxlength: '200', autocomplete: 'off', required: true });
    const endDate = el('input', { id: 'appoint-end-date', name: 'end_date', type: 'date', 'aria-describedby': 'appoint-end-date-hint' });
    const allowOver = el('input', { id: 'appoint-allow-over', name: 'allow_over', type: 'checkbox' });
    const reason = el('textarea', { id: 'appoint-reason', name: 'reason', rows: '3', maxlength: '2000' });
    const overMessage = el('div', { id: 'appoint-over-message', class: 'form-error over-message', role: 'alert' });
    const over = el('fieldset', { id: 'appoint-over', class: 'over-box', hidden: true },
      el('legend', { text: 'error.quota_exceeded' }),
      overMessage,
      el('p', { class: 'hint', text: 'person.over_hint' }),
      checkField('appoint-allow-over', 'person.allow_over', allowOver),
      field('appoint-reason', 'person.reason', reason));
    const submit = el('button', { type: 'submit', id: 'appoint-submit', class: 'btn btn-primary', text: 'person.appoint_submit' });
    const actions = el('div', { class: 'actions' }, submit);
    const fields = {
      unit_id: unit, staff_type: staffType, title: jobTitle, post_level: postLevel, rank, concurrent,
      contract_id: contract, monthly_pay_fen: pay, start_date: startDate, start_document: startDocument,
      end_date: endDate, allow_over: allowOver, reason,
    };
    // A leader-post quota is named "level".
    const kit = formKit('appoint', fields, { aliases: { level: 'post_level', person_id: 'unit_id' }, keyFor });
    const contractField = field('appoint-contract', 'person.appoint_contract', contract);
    const rankField = field('appoint-rank', 'person.appoint_rank', rank);
    const payField = field('appoint-pay', 'person.appoint_pay', pay);

    // Service contracts (for dispatched staff and social workers), from the agencies.
    let contracts = null;
    async function fillContracts() {
      const purchased = PURCHASED.includes(staffType.value);
      contractField.hidden = !purchased;
      rankField.hidden = purchased;
      payField.hidden = purchased;
      if (!purchased) return;
      if (contracts === null) {
        contracts = [];
        try {
          const answer = await api.get('/agencies');
          for (const a of answer.items ?? []) {
            for (const c of a.contracts ?? []) contracts.push({ ...c, agency_name: a.name });
          }
        } catch (e) {
          if (handledByShell(apiError(e))) return;
        }
      }
      const keep = contract.value;
      const mine = contracts.filter((c) => c.staff_type === staffType.value);
      contract.replaceChildren(
        el('option', { value: '', text: mine.length ? 'person.contract_choose' : 'person.contract_none' }),
        ...mine.map((c) => el('option', {
          value: String(c.id),
          raw: `${c.agency_name ?? ''}：${c.document ?? ''}（${unitName(c.unit_id) ?? ''}，${c.start_date ?? ''}–${c.end_date ?? ''}，${c.filled ?? 0}/${c.headcount ?? ''}）`,
        })));
      if ([...contract.options].some((o) => o.value === keep)) contract.value = keep;
    }
    staffType.addEventListener('change', fillContracts);
    // Purchased staff work within their contract's period: its end is the
    // likely end of the employment.
    contract.addEventListener('change', () => {
      const c = contracts?.find((x) => String(x.id) === contract.value);
      if (c?.end_date && !endDate.value) endDate.value = c.end_date;
    });
    fillContracts();

    const resetOver = () => {
      over.hidden = true;
      allowOver.checked = false;
      reason.value = '';
      overMessage.replaceChildren();
    };

    const form = el('form', { id: 'appoint-form', class: 'form', novalidate: true },
      el('p', { class: 'hint', text: 'person.appoint_hint' }),
      field('appoint-unit', 'person.appoint_unit', unit),
      el('div', { class: 'field-row' },
        field('appoint-staff-type', 'person.appoint_staff_type', staffType),
        field('appoint-title', 'person.appoint_job_title', jobTitle)),
      el('div', { class: 'field-row' },
        field('appoint-post-level', 'person.appoint_post_level', postLevel),
        rankField),
      checkField('appoint-concurrent', 'person.appoint_concurrent', concurrent),
      contractField,
      payField,
      el('div', { class: 'field-row' },
        field('appoint-start-date', 'person.appoint_start_date', startDate),
        field('appoint-start-document', 'person.appoint_start_document', startDocument)),
      field('appoint-end-date', 'person.appoint_end_date', endDate, 'person.appoint_end_hint'),
      over,
      kit.done, actions);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!unit.value) return kit.local(unit, 'person.need_unit');
      if (!jobTitle.value.trim()) return kit.local(jobTitle, 'person.need_job_title');
      const purchased = PURCHASED.includes(staffType.value);
      if (purchased && !contract.value) return kit.local(contract, 'person.need_contract');
      const payText = pay.value.trim();
      if (!purchased && payText && !/^\d{1,9}(\.\d{1,2})?$/.test(payText)) return kit.local(pay, 'person.need_pay');
      if (!startDate.value) return kit.local(startDate, 'person.need_date');
      if (!startDocument.value.trim()) return kit.local(startDocument, 'person.need_document');
      const overAsked = !over.hidden && allowOver.checked;
      if (overAsked && !reason.value.trim()) return kit.local(reason, 'person.need_reason');

      const body = {
        person_id: Number(id), unit_id: Number(unit.value), staff_type: staffType.value,
        title: jobTitle.value.trim(), start_date: startDate.value, start_document: startDocument.value.trim(),
      };
      if (endDate.value) body.end_date = endDate.value;
      if (postLevel.value) body.post_level = postLevel.value;
      if (concurrent.checked) body.concurrent = true;
      if (purchased) {
        body.contract_id = Number(contract.value);
      } else {
        if (rank.value) body.rank = rank.value;
        if (payText) {
          const [yuan, jiao = ''] = payText.split('.');
          body.monthly_pay_fen = Number(yuan) * 100 + Number(jiao.padEnd(2, '0'));
        }
      }
      if (overAsked) {
        body.allow_over = true;
        body.reason = reason.value.trim();
      }
      submit.disabled = true;
      try {
        await api.post('/employments', body);
        for (const n of [jobTitle, startDate, startDocument, endDate, pay]) n.value = '';
        concurrent.checked = false;
        resetOver();
        await loadHistory();
        await reloadPerson();
        await loadPay();
        if (contracts !== null) { contracts = null; fillContracts(); }
        kit.done.dataset.i18n = 'person.appointed';
        applyTexts(kit.done);
        kit.done.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) return;
        if (err.code === 'quota_exceeded') {
          // The refusal, with the server's numbers, and the way past it.
          showError(overMessage, err);
          over.hidden = false;
          over.dataset.code = err.code;
          allowOver.focus();
        } else {
          kit.fail(err, actions);
        }
      } finally {
        submit.disabled = false;
      }
    });
    appointCard = el('div', { id: 'appoint-card', class: 'card appoint-card', role: 'region', 'aria-labelledby': 'appoint-heading' },
      el('h2', { id: 'appoint-heading', text: 'person.appoint_title' }), form);
  }

  // --- edit the record (assessor, reporter) ----------------------------------------

  let editCard = null;
  if (canEdit) {
    const choose = () => el('option', { value: '', text: 'people.choose' });
    const name = el('input', { id: 'edit-name', name: 'name', type: 'text', maxlength: '50', autocomplete: 'off', required: true });
    const idNumber = el('input', {
      id: 'edit-id-number', name: 'id_number', type: 'text', maxlength: '18', autocomplete: 'off',
      spellcheck: 'false', autocapitalize: 'characters', required: true, class: 'idnum',
      'aria-describedby': 'edit-id-number-hint',
    });
    const ethnicity = choices('edit-ethnicity', codes('ethnicity'), (c) => codeKey('ethnicity', c), [choose()], { required: true });
    const political = choices('edit-political-status', codes('political_status'), (c) => codeKey('political_status', c), [choose()], { required: true });
    const edu = choices('edit-education', codes('education'), (c) => codeKey('education', c, { coded: true }), [choose()], { required: true });
    const school = el('input', { id: 'edit-school', name: 'school', type: 'text', maxlength: '100', autocomplete: 'off' });
    const tier = choices('edit-school-tier', SCHOOL_TIERS, tierKey, [el('option', { value: '', text: 'people.not_given' })]);
    const phone = el('input', { id: 'edit-phone', name: 'phone', type: 'tel', maxlength: '20', autocomplete: 'off', inputmode: 'tel' });
    const unit = el('select', { id: 'edit-unit', name: 'unit_id' });
    // A reporter keeps people in its own units: no "none" for it.
    unitOptions(unit, units, [isAssessor ? el('option', { value: '', text: 'people.none' }) : choose()]);
    const idHint = el('p', { class: 'hint field-hint', id: 'edit-id-number-hint' });
    const idChanged = el('p', { id: 'edit-id-changed', class: 'notice notice-warn', role: 'status', text: 'person.edit_id_changed', hidden: true });
    const submit = el('button', { type: 'submit', id: 'edit-submit', class: 'btn btn-primary', text: 'person.edit_submit' });
    const actions = el('div', { class: 'actions' }, submit);
    const fields = {
      name, id_number: idNumber, ethnicity, political_status: political, education: edu, school, school_tier: tier, phone, unit_id: unit,
    };
    // gender and birth_date are read from the ID number: their errors belong there.
    const kit = formKit('person-edit', fields, { aliases: { gender: 'id_number', birth_date: 'id_number' } });

    // Whether a typed whole number differs from the record's masked one
    // where that shows its characters.
    const differs = (typed) => {
      const masked = person.id_number ?? '';
      if (typed.length !== 18 || masked.length !== 18) return false;
      return [...masked].some((ch, i) => ch !== '*' && ch !== typed[i]);
    };
    const checkId = () => { idChanged.hidden = !differs(idNumber.value.trim().toUpperCase()); };
    idNumber.addEventListener('input', checkId);
    onWholeNumber = (whole) => {
      if (!idNumber.value.trim()) idNumber.value = whole;
      checkId();
    };

    fillEdit = () => {
      name.value = person.name ?? '';
      ethnicity.value = person.ethnicity ?? '';
      political.value = person.political_status ?? '';
      edu.value = person.education ?? '';
      school.value = person.school ?? '';
      tier.value = person.school_tier ?? '';
      phone.value = person.phone ?? '';
      unit.value = person.unit_id == null ? '' : String(person.unit_id);
      idHint.dataset.i18n = isAssessor ? 'person.edit_id_hint_assessor' : 'person.edit_id_hint';
      idHint.dataset.i18nArgs = JSON.stringify({ masked: person.id_number ?? '' });
      applyTexts(idHint);
      checkId();
    };
    fillEdit();

    const idField = field('edit-id-number', 'people.id_number', idNumber);
    idField.append(idHint, idChanged);
    const form = el('form', { id: 'person-edit-form', class: 'form', novalidate: true },
      el('p', { class: 'hint', text: 'person.edit_hint' }),
      el('div', { class: 'field-row' },
        field('edit-name', 'people.name', name),
        idField),
      el('div', { class: 'field-row' },
        field('edit-ethnicity', 'people.ethnicity', ethnicity),
        field('edit-political-status', 'people.political_status', political),
        field('edit-education', 'people.education', edu)),
      el('div', { class: 'field-row' },
        field('edit-school', 'people.school', school),
        field('edit-school-tier', 'people.school_tier', tier),
        field('edit-phone', 'people.phone', phone)),
      field('edit-unit', 'people.unit', unit),
      kit.done, actions);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!name.value.trim()) return kit.local(name, 'people.need_name');
      if (!idNumber.value.trim()) return kit.local(idNumber, 'person.need_whole_id');
      if (!isAssessor && !unit.value) return kit.local(unit, 'people.need_unit');
      // The whole record: what is left out is cleared (gender and birth
      // date are read from the ID number again).
      const body = {
        name: name.value.trim(), id_number: idNumber.value.trim().toUpperCase(),
        ethnicity: ethnicity.value, political_status: political.value, education: edu.value,
        unit_id: unit.value ? Number(unit.value) : null,
      };
      if (school.value.trim()) body.school = school.value.trim();
      if (tier.value) body.school_tier = tier.value;
      if (phone.value.trim()) body.phone = phone.value.trim();
      submit.disabled = true;
      try {
        const answer = await api.put(`/people/${encodeURIComponent(id)}`, body);
        person = answer?.person ?? person;
        idNumber.value = '';
        resetId();
        drawFacts();
        fillEdit();
        heading.textContent = person.name ?? '';
        kit.done.dataset.i18n = 'person.edit_saved';
        applyTexts(kit.done);
        kit.done.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
    editCard = el('details', { id: 'person-edit', class: 'card person-edit' },
      el('summary', { id: 'person-edit-toggle' }, el('h2', { text: 'person.edit_title' })),
      form);
  }

  // --- frontline assignments -------------------------------------------------------

  const frontSection = el('section', { id: 'person-frontline', class: 'person-frontline', 'aria-labelledby': 'frontline-heading' },
    el('h2', { id: 'frontline-heading', text: 'fl.person_title' }),
    el('p', { class: 'hint', text: 'fl.person_hint' }));
  async function loadFrontline() {
    let page;
    try {
      page = await api.get('/assignments', { query: { person_id: id } });
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      const box = el('div', { class: 'form-error', role: 'alert' });
      showError(box, err);
      frontSection.append(box);
      return;
    }
    const items = Array.isArray(page.items) ? page.items : [];
    frontSection.append(items.length
      ? assignmentsTable('person-assignments', items, { columns: ['kind', 'home', 'working', 'period', 'state', 'purpose'] })
      : el('p', { id: 'person-assignments-empty', class: 'hint', text: 'fl.person_empty' }));
  }

  await loadHistory();
  await loadPay();
  await loadFrontline();

  root.append(
    back,
    heading,
    record,
    editCard,
    el('section', { class: 'person-history', 'aria-labelledby': 'history-heading' },
      el('h2', { id: 'history-heading', text: 'person.history' }),
      el('p', { class: 'hint', text: 'person.history_hint' }),
      el('div', { class: 'toolbar' }, exportLinks('history-export', 'employments', { person_id: id }).node),
      historyError, historyNotice, historyEmpty, historyWrap),
    endCard,
    frontSection,
    paySection,
    appointCard);
  return root;
}
