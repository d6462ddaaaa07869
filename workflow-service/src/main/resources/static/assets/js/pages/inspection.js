// The inspection form, made for a phone: finding, notes, the position from the phone, photos from its camera.
// Each photo's EXIF time and position are checked by the service against the parcels and the inspection time.
import { h, replace, live } from '../dom.js';
import { get, post, seg } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { pageHead, card, errorNotice } from '../ui/common.js';
import { vectorMap, legend } from '../ui/map.js';

const FINDINGS = ['NORMAL', 'OCCUPATION', 'DUMPING', 'DAMAGE', 'FIRE_RISK', 'OTHER'];

export async function render(main, params) {
  const projectId = params.id;
  let parcels = null;
  try { parcels = await get(`api/projects/${seg(projectId)}/parcels`); } catch { parcels = null; }
  main.append(pageHead(t('inspection.title'), parcels ? `${t('common.project')} ${projectId}` : projectId));

  const points = [];
  const mapBox = h('div', { id: 'inspection-map' });
  const drawMap = () => replace(mapBox, vectorMap({ title: t('inspection.map'), height: 300, layers: [
    { name: 'parcels', className: 'parcels', features: parcels ? parcels.geojson.features : [] },
    { name: 'points', className: 'points', features: points }] }),
  legend([['parcels', t('map.parcels')], ['points', t('map.points')]]));
  drawMap();
  main.append(card(t('inspection.map'), mapBox));

  const finding = h('select', { id: 'finding', name: 'finding' },
    FINDINGS.map((f) => h('option', { value: f }, t(`finding.${f}`))));
  const notes = h('textarea', { id: 'notes', name: 'notes', rows: '3', maxlength: '2000' });
  const longitude = h('input', { id: 'longitude', name: 'longitude', inputmode: 'decimal', autocomplete: 'off' });
  const latitude = h('input', { id: 'latitude', name: 'latitude', inputmode: 'decimal', autocomplete: 'off' });
  const locate = h('button', { type: 'button', class: 'btn btn--ghost', id: 'locate' }, t('inspection.locate'));
  const photos = h('input', { type: 'file', id: 'photos', name: 'photo', accept: 'image/jpeg,image/png',
    capture: 'environment', multiple: true });
  const result = live({ id: 'inspection-result' });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'inspection-submit' }, t('inspection.submit'));

  locate.addEventListener('click', () => {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition((p) => {
      longitude.value = p.coords.longitude.toFixed(6);
      latitude.value = p.coords.latitude.toFixed(6);
    }, () => replace(result, h('p', { class: 'notice notice--warn' }, t('inspection.noPosition'))));
  });

  const form = h('form', { class: 'stack inspection-form', id: 'inspection-form' },
    h('label', { for: 'finding' }, t('inspection.finding')), finding,
    h('label', { for: 'notes' }, t('inspection.notes')), notes,
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'longitude' }, t('inspection.longitude')), longitude),
      h('div', {}, h('label', { for: 'latitude' }, t('inspection.latitude')), latitude)),
    locate,
    h('label', { for: 'photos' }, t('inspection.photos')), photos,
    submit, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(result, h('p', { class: 'muted' }, t('inspection.sending')));
    const data = new FormData();
    data.append('finding', finding.value);
    data.append('inspectedAt', new Date().toISOString());
    if (longitude.value && latitude.value) { data.append('longitude', longitude.value); data.append('latitude', latitude.value); }
    if (notes.value) data.append('notes', notes.value);
    for (const file of photos.files) data.append('photo', file, file.name);
    try {
      const view = await post(`api/projects/${seg(projectId)}/inspections`, data);
      points.length = 0;
      for (const p of view.photos) {
        if (p.longitude != null) points.push({ type: 'Feature', properties: { name: `#${p.index}` },
          geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] } });
      }
      drawMap();
      replace(result, h('div', { class: 'notice', 'data-inspection': view.inspection.id },
        h('p', {}, t('inspection.recorded', { at: formatDate(view.inspection.inspectedAt) })),
        view.rectificationId ? h('p', { 'data-rectification': view.rectificationId },
          t('inspection.rectification', { at: formatDate(view.rectificationDeadline) })) : null,
        h('ul', {}, view.photos.map((p) => h('li', { 'data-photo': p.index, 'data-flagged': String(p.problems.length > 0) },
          `${t('inspection.photo')} ${p.index}: `,
          p.problems.length ? h('span', { class: 'badge badge--warn' }, p.problems.map((x) => t(`photoCheck.${x}`)).join('，'))
            : h('span', { class: 'badge badge--ok' }, t('photoCheck.OK')))))));
      form.reset();
    } catch (e) {
      replace(result, errorNotice(e));
    } finally {
      submit.disabled = false;
    }
  });
  main.append(card(t('inspection.form'), form));
}
