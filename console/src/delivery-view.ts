// Delivery streams: a placeholder until Firehose support lands (issue #4).

import { get } from './api.js';
import { fill, h } from './dom.js';
import type { View } from './view.js';

export function deliveryView(main: HTMLElement): View {
  const note = h('p', { class: 'empty' });
  fill(main, h('header', { class: 'page-head' }, h('h1', {}, 'Delivery streams')), h('section', { class: 'card', 'data-testid': 'delivery-placeholder' }, note));
  return {
    async refresh() {
      const { note: text } = await get<{ deliveryStreams: unknown[]; note: string }>('/delivery-streams');
      note.textContent = `${text} Buffer fill, delivered objects and failures will show here.`;
    },
  };
}
