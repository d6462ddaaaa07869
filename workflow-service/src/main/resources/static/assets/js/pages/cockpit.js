// The leadership cockpit (驾驶舱): land in the reserve by district and stage, projects moving through the stages by
// month, stage cycle times against their targets, what is overdue (reviews, rectifications, inspections), red-line
// overlaps, the anchoring backlog (the database's pending work) and the ledger's health, public verifications.
// Every figure links to the register listing exactly its projects (#/register?<filter from the server>).
import { h } from '../dom.js';
import { get } from '../api.js';
import { t, formatDate, formatNumber } from '../i18n.js';
import { stageName } from '../lifecycle.js';
import { hasRole } from '../session.js';
import { go } from '../router.js';
import { pageHead } from '../ui/common.js';
import { loadCharts, drawChart } from '../ui/charts.js';

const HECTARE = 10000;
const ha = (m2) => formatNumber(Number(m2 || 0) / HECTARE, 2);
const haValue = (m2) => Math.round((Number(m2 || 0) / HECTARE) * 100) / 100;
const registerHref = (figure) => `#/register?${figure.projects}`;

/** A figure as a link to its projects: "12" → #/register?… */
function figureLink(figure, text, attrs = {}) {
  return h('a', { href: registerHref(figure), 'data-figure': figure.projects, ...attrs }, text ?? formatNumber(figure.count, 0));
}

function kpi(label, value, sub, href, attrs = {}) {
  return h('a', { class: 'kpi', href, ...attrs },
    h('span', { class: 'kpi__label' }, label),
    h('strong', { class: 'kpi__value' }, value),
    sub ? h('span', { class: 'kpi__sub' }, sub) : null);
}

function chartCard(id, title, description, table) {
  const box = h('div', { class: 'chart', id, role: 'img', 'aria-label': title });
  return { box, section: h('section', { class: 'card chart-card', 'data-chart': id },
    h('h2', {}, title), description ? h('p', { class: 'muted small' }, description) : null, box,
    h('details', { class: 'chart-data' }, h('summary', {}, t('cockpit.dataTable')), table)) };
}

function table(head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))))))));
}

/** "已全部上链 12 · 部分待上链 3 · 账本不可用 0": projects by the evidence status the ledger gives. */
function ledgerStates(states) {
  return states.filter((x) => x.state !== 'MISMATCH')
    .map((x) => `${t(`register.evidenceState.${x.state}`)} ${formatNumber(x.projects.count, 0)}`).join(' · ');
}

function redLineDetail(r) {
  if (!r.available) return t('cockpit.kpi.redLineUnavailable');
  if (r.version == null) return t('cockpit.kpi.noRedLine', { n: r.withParcels.count });
  return t('cockpit.kpi.redLineDetail', { version: r.version, n: r.withParcels.count, area: formatNumber(r.overlapSquareMeters) });
}

export async function render(main) {
  const refresh = h('button', { type: 'button', class: 'btn btn--ghost', id: 'cockpit-refresh', onclick: () => go('/cockpit') }, t('cockpit.refresh'));
  const print = h('button', { type: 'button', class: 'btn btn--ghost', id: 'cockpit-print', onclick: () => window.print() }, t('cockpit.print'));
  const [c, echarts] = await Promise.all([get('api/cockpit'), loadCharts()]);
  main.append(pageHead(t('cockpit.title'), t('cockpit.subtitle', { at: formatDate(c.generatedAt) }), refresh, print));

  const tot = c.totals;
  const ledgerUp = c.evidence.ledger && c.evidence.ledger.up;
  main.append(h('div', { class: 'kpis', id: 'cockpit-kpis' },
    kpi(t('cockpit.kpi.reserve'), `${ha(tot.reserve.area)} ${t('unit.ha')}`, t('cockpit.kpi.projects', { n: tot.reserve.count }), registerHref(tot.reserve), { 'data-figure': tot.reserve.projects }),
    kpi(t('cockpit.kpi.pipeline'), `${ha(tot.pipeline.area)} ${t('unit.ha')}`, t('cockpit.kpi.projects', { n: tot.pipeline.count }), registerHref(tot.pipeline), { 'data-figure': tot.pipeline.projects }),
    kpi(t('cockpit.kpi.archived'), formatNumber(tot.archived.count, 0), `${ha(tot.archived.area)} ${t('unit.ha')}`, registerHref(tot.archived), { 'data-figure': tot.archived.projects }),
    kpi(t('cockpit.kpi.overdueReviews'), formatNumber(c.overdue.reviewProjects.count, 0), t('cockpit.kpi.reviewTasks', { n: c.overdue.reviewTasks }), registerHref(c.overdue.reviewProjects), { 'data-figure': c.overdue.reviewProjects.projects, 'data-kpi': 'overdue-reviews' }),
    kpi(t('cockpit.kpi.rectifications'), formatNumber(c.overdue.rectifications.count, 0), t('cockpit.kpi.overdue', { n: c.overdue.rectificationsOverdue.count }), registerHref(c.overdue.rectifications), { 'data-figure': c.overdue.rectifications.projects }),
    kpi(t('cockpit.kpi.inspections'), formatNumber(c.supervision.inspectionsOverdue.count, 0),
      t('cockpit.kpi.supervised', { n: c.supervision.supervised.count, days: formatNumber(c.supervision.cycleDays, 0) }),
      registerHref(c.supervision.inspectionsOverdue), { 'data-figure': c.supervision.inspectionsOverdue.projects, 'data-kpi': 'inspections' }),
    kpi(t('cockpit.kpi.inspectionRectifications'), formatNumber(c.overdue.inspectionRectifications.count, 0),
      t('cockpit.kpi.overdue', { n: c.overdue.inspectionRectificationsOverdue.count }),
      registerHref(c.overdue.inspectionRectifications), { 'data-figure': c.overdue.inspectionRectifications.projects, 'data-kpi': 'inspection-rectifications' }),
    kpi(t('cockpit.kpi.redLine'), c.redLine.available ? formatNumber(c.redLine.overlapping.count, 0) : '—',
      redLineDetail(c.redLine), registerHref(c.redLine.available && c.redLine.version ? c.redLine.overlapping : c.redLine.withParcels),
      { 'data-figure': c.redLine.overlapping.projects, 'data-kpi': 'red-line', class: `kpi${c.redLine.available ? '' : ' kpi--bad'}` }),
    kpi(t('cockpit.kpi.pending'), formatNumber(c.evidence.pendingDocuments + c.evidence.pendingDecisions, 0), t('cockpit.kpi.pendingProjects', { n: c.evidence.projectsWithPending.count }), registerHref(c.evidence.projectsWithPending), { 'data-figure': c.evidence.projectsWithPending.projects }),
    kpi(t('cockpit.kpi.disagreements'), formatNumber(c.evidence.disagreements.count, 0), ledgerStates(c.evidence.onLedger),
      registerHref(c.evidence.disagreements), { 'data-figure': c.evidence.disagreements.projects, 'data-kpi': 'disagreements',
        class: `kpi${c.evidence.disagreements.count ? ' kpi--bad' : ''}` }),
    kpi(t('cockpit.kpi.ledger'), ledgerUp ? t('ops.health.UP') : t('ops.health.DOWN'),
      t('cockpit.kpi.ledgerDetail', { height: c.evidence.ledger ? c.evidence.ledger.height : '—', incidents: c.evidence.incidents }),
      hasRole('OPERATOR') ? '#/ops' : registerHref(c.evidence.projectsWithPending), { 'data-kpi': 'ledger', class: `kpi${ledgerUp ? '' : ' kpi--bad'}` })));

  // Charts are drawn once the page is in the document (a detached element has no size to draw into).
  const draws = [];
  const grid = h('div', { class: 'chart-grid' });
  main.append(grid);
  const open = (figure) => { if (figure) go(`/register?${figure.projects}`); };

  // 1. Land by district: in the reserve and in the pipeline (area, ha), stacked.
  const districts = c.byDistrict;
  const d = chartCard('chart-district', t('cockpit.byDistrict'), t('cockpit.byDistrictHint'),
    table([t('project.district'), t('cockpit.reserve'), t('cockpit.pipeline')], districts.map((x) => [x.district,
      figureLink(x.reserve, `${formatNumber(x.reserve.count, 0)} · ${ha(x.reserve.area)} ${t('unit.ha')}`),
      figureLink(x.pipeline, `${formatNumber(x.pipeline.count, 0)} · ${ha(x.pipeline.area)} ${t('unit.ha')}`)])));
  grid.append(d.section);
  draws.push(() => drawChart(echarts, d.box, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'value', name: t('unit.ha') },
    yAxis: { type: 'category', data: districts.map((x) => x.district), inverse: true },
    series: [
      { name: t('cockpit.reserve'), type: 'bar', stack: 'area', data: districts.map((x) => haValue(x.reserve.area)) },
      { name: t('cockpit.pipeline'), type: 'bar', stack: 'area', data: districts.map((x) => haValue(x.pipeline.area)) },
    ],
  }, (p) => open(p.seriesIndex === 0 ? districts[p.dataIndex].reserve : districts[p.dataIndex].pipeline)));

  // 2. Projects by current stage (count; area in the tooltip).
  const stages = c.byStage;
  const s = chartCard('chart-stage', t('cockpit.byStage'), t('cockpit.byStageHint'),
    table([t('common.stage'), t('cockpit.count'), t('cockpit.area')], stages.map((x) => [stageName(x.stage),
      figureLink(x.projects), `${ha(x.projects.area)} ${t('unit.ha')}`])));
  grid.append(s.section);
  draws.push(() => drawChart(echarts, s.box, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => ps.map((p) => `${p.name}\n${t('cockpit.count')}${t('common.colon')}${p.value}\n${t('cockpit.area')}${t('common.colon')}${ha(stages[p.dataIndex].projects.area)} ${t('unit.ha')}`).join('') },
    grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'category', data: stages.map((x) => stageName(x.stage)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('cockpit.count'), type: 'bar', data: stages.map((x) => x.projects.count), label: { show: true, position: 'top' } }],
  }, (p) => open(stages[p.dataIndex].projects)));

  // 3. Projects entering each stage by month (stacked), leaving in the table.
  const flow = c.flow;
  const moving = flow.stages.filter((x) => x.entered.some((f) => f.count) || x.left.some((f) => f.count));
  const f = chartCard('chart-flow', t('cockpit.flow'), t('cockpit.flowHint'),
    table([t('common.stage'), ...flow.months], moving.flatMap((x) => [
      [`${stageName(x.stage)} · ${t('cockpit.entered')}`, ...x.entered.map((fig) => figureLink(fig))],
      [`${stageName(x.stage)} · ${t('cockpit.left')}`, ...x.left.map((fig) => figureLink(fig))]])));
  grid.append(f.section);
  draws.push(() => drawChart(echarts, f.box, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: flow.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: moving.map((x) => ({ name: stageName(x.stage), type: 'bar', stack: 'entered', data: x.entered.map((fig) => fig.count) })),
  }, (p) => open(moving[p.seriesIndex].entered[p.dataIndex])));

  // 4. Cycle times of completed stage visits (median, p90) against the stage's target; overdue now in the table.
  const cycles = c.cycleTimes;
  const days = (v) => (v == null ? '—' : formatNumber(v, 1));
  const y = chartCard('chart-cycle', t('cockpit.cycle'), t('cockpit.cycleHint'),
    table([t('common.stage'), t('cockpit.target'), t('cockpit.median'), t('cockpit.p90'), t('cockpit.completed'), t('cockpit.inStage'), t('cockpit.overdueNow')],
      cycles.map((x) => [stageName(x.stage), days(x.targetDays), days(x.completed ? x.medianDays : null), days(x.completed ? x.p90Days : null),
        `${formatNumber(x.completed, 0)}${x.completedLate ? ` (${t('cockpit.late', { n: x.completedLate })})` : ''}`,
        figureLink(x.inStage), figureLink(x.overdueNow, null, { class: x.overdueNow.count ? 'overdue-link' : null })])));
  grid.append(y.section);
  draws.push(() => drawChart(echarts, y.box, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: cycles.map((x) => stageName(x.stage)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', name: t('unit.days') },
    series: [
      { name: t('cockpit.median'), type: 'bar', data: cycles.map((x) => (x.completed ? Number(x.medianDays.toFixed(1)) : null)) },
      { name: t('cockpit.p90'), type: 'bar', data: cycles.map((x) => (x.completed ? Number(x.p90Days.toFixed(1)) : null)) },
      { name: t('cockpit.target'), type: 'line', step: 'middle', symbol: 'none', lineStyle: { type: 'dashed' }, data: cycles.map((x) => x.targetDays) },
      { name: t('cockpit.overdueNow'), type: 'scatter', symbolSize: 14, data: cycles.map((x) => x.overdueNow.count || null) },
    ],
  }, (p) => open(p.seriesIndex === 3 ? cycles[p.dataIndex].overdueNow : cycles[p.dataIndex].inStage)));

  // 5. Overdue work and risks, each bar its projects.
  const risks = [
    [t('cockpit.bar.reviews'), c.overdue.reviewProjects],
    [t('cockpit.bar.acceptanceRectifications'), c.overdue.rectificationsOverdue],
    [t('cockpit.bar.inspectionRectifications'), c.overdue.inspectionRectificationsOverdue],
    [t('cockpit.bar.inspections'), c.supervision.inspectionsOverdue],
    [t('cockpit.bar.redLine'), c.redLine.overlapping],
  ];
  const r = chartCard('chart-risk', t('cockpit.risk'), t('cockpit.riskHint'),
    table([t('cockpit.riskItem'), t('cockpit.count')], risks.map(([label, fig]) => [label, figureLink(fig)])));
  grid.append(r.section);
  draws.push(() => drawChart(echarts, r.box, {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: risks.map(([label]) => label), inverse: true },
    series: [{ name: t('cockpit.count'), type: 'bar', data: risks.map(([, fig]) => fig.count), label: { show: true, position: 'right' } }],
  }, (p) => open(risks[p.dataIndex][1])));

  // 6. Public verifications per day (last 30 days).
  const v = c.publicVerifications;
  const pv = chartCard('chart-public', t('cockpit.public'), t('cockpit.publicHint'),
    table([t('cockpit.day'), t('cockpit.count')], v.filter((x) => x.count).map((x) => [x.day, formatNumber(x.count, 0)])));
  grid.append(pv.section);
  draws.push(() => drawChart(echarts, pv.box, {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: 'category', data: v.map((x) => x.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('cockpit.public'), type: 'line', areaStyle: { opacity: 0.15 }, data: v.map((x) => x.count) }],
  }));

  let disposers = [];
  let cancelled = false;
  requestAnimationFrame(() => { if (!cancelled) disposers = draws.map((draw) => draw()); });
  return () => { cancelled = true; disposers.forEach((dispose) => dispose()); };
}
