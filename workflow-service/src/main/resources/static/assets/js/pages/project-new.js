// Opening a new reserve project (applicants): its facts, then the lifecycle starts.
import { h, replace, live } from '../dom.js';
import { post } from '../api.js';
import { t } from '../i18n.js';
import { go } from '../router.js';
import { pageHead, card, errorText } from '../ui/common.js';

function field(id, label, input, hint, required = false) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label, required ? h('span', { class: 'req' }, ` ${t('common.required')}`) : null),
    input, hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null);
}

export async function render(main) {
  const name = h('input', { type: 'text', id: 'project-name', required: true, maxlength: 200 });
  const district = h('input', { type: 'text', id: 'project-district', maxlength: 100 });
  const area = h('input', { type: 'number', id: 'project-area', min: 0, step: '0.01', inputmode: 'decimal' });
  const description = h('textarea', { id: 'project-description', maxlength: 4000 });
  const industrial = h('input', { type: 'checkbox', id: 'project-industrial' });
  const status = live();
  const submit = h('button', { type: 'submit', class: 'btn', id: 'project-create' }, t('projects.create'));

  const form = h('form', { class: 'form-narrow', novalidate: true },
    field('project-name', t('project.name'), name, null, true),
    field('project-district', t('project.district'), district),
    field('project-area', t('project.area') + t('common.parens', { x: t('unit.m2') }), area),
    field('project-description', t('project.description'), description),
    h('label', { class: 'choice' }, industrial, t('project.formerIndustrialQuestion')),
    h('p', { class: 'hint muted small' }, t('project.formerIndustrialHint')),
    h('p', { class: 'hint muted small' }, t('project.publishHint')),
    status, submit);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!name.value.trim()) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, t('projects.nameRequired')));
      name.focus();
      return;
    }
    submit.disabled = true;
    try {
      const project = await post('api/projects', {
        name: name.value.trim(), district: district.value.trim(),
        areaSquareMeters: area.value === '' ? null : Number(area.value),
        formerIndustrial: industrial.checked, description: description.value.trim(),
      });
      go(`/projects/${project.id}`);
    } catch (err) {
      replace(status, h('p', { class: 'notice notice--bad', role: 'alert' }, errorText(err)));
      submit.disabled = false;
    }
  });
  main.append(pageHead(t('projects.newTitle'), t('projects.newSubtitle')), card(null, form));
}
