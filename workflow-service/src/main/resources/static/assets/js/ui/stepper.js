// The lifecycle's stages in order, with the project's place among them.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { allStages, stageName } from '../lifecycle.js';

export function stepper(currentStage, status) {
  const stages = allStages();
  const index = stages.findIndex((s) => s.code === currentStage);
  return h('ol', { class: 'stepper', 'aria-label': t('project.stages') }, stages.map((s, i) => {
    let state = i < index ? 'done' : i === index ? 'current' : 'todo';
    if (status === 'ARCHIVED') state = 'done';
    if (status === 'REJECTED' && i === index) state = 'stopped';
    const hint = t(`stepper.${state}`);
    return h('li', { class: state, 'aria-current': state === 'current' ? 'step' : null, 'data-stage': s.code },
      stageName(s.code), h('span', { class: 'sr-only' }, ` (${hint})`));
  }));
}
